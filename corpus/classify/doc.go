// Package classify is Hindsight's learned root-cause tagger: a
// regularised multinomial logistic regression over features of a
// postmortem's text, whose weights are fitted from hand-labelled
// postmortems by the program in internal/train and shipped as the
// embedded, reviewable file model.json.
//
// The features (features.go) are the taxonomy's rule scores for each part
// of the document (computed by the corpus package, which owns the
// editable taxonomy YAML and passes them in as plain numbers), stemmed
// words and word pairs of the title, summary and root-cause text, words
// on the cause side of a causal connective ("caused by", "due to",
// "because", "the root cause was") and negated words ("not a DDoS").
// The model (model.go) turns them into one probability per category;
// the explanation (explain.go) names, for every category, the sentence
// of the document that added most to its score. Fitting (fit.go) and
// cross-validation (crossval.go) are deterministic: the same examples
// give the same bytes.
//
// The package takes plain inputs (texts and rule scores), not a
// corpus.Record, so that the corpus package can import it.
package classify
