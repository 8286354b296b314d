// Package prose splits the running text of postmortems into sentences
// and words. It is the one sentence splitter and the one tokenizer of
// the corpus package and its root-cause tagger, so that a rule, a
// feature and an evidence sentence all see the same units of text.
package prose
