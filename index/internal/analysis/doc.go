// Package analysis is Hindsight's text analysis for bleve, each piece a
// faster drop-in for the bleve component named beside it, giving the same
// output (each has a test comparing the two and a benchmark running them
// side by side):
//
//   - the word tokenizer (TokenizerName) for bleve's unicode tokenizer;
//   - the remembering Porter stemmer (StemmerName) for bleve's
//     stemmer_porter token filter;
//   - AnalysedField for document.TextField's analysis (token
//     frequencies and locations);
//   - SumField, the _text field summing a document's text fields, for
//     bleve's composite field.
//
// Importing the package registers the tokenizer and the stemmer in
// bleve's registry under their names, as bleve's own components do.
package analysis
