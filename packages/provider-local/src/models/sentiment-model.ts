import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

type Nlp = ReturnType<typeof winkNLP>;

/**
 * English sentiment from wink-nlp's lite web model: a lexicon-based score in [-1, 1] with negation
 * handling (`not bad` scores positive). It knows English words and emoticons, not sarcasm or domain
 * jargon, and it does not follow instructions: the prompt only chooses the labels.
 */
export class SentimentModel {
  private constructor(
    private readonly nlp: Nlp,
    private readonly its: Nlp['its'],
  ) {}

  static load(): SentimentModel {
    const nlp = winkNLP(model, ['sbd', 'negation', 'sentiment']);
    return new SentimentModel(nlp, nlp.its);
  }

  score(text: string): number {
    return this.nlp.readDoc(text).out(this.its.sentiment) as number;
  }
}
