/**
 * Maps a sentiment score in [-1, 1] to the labels the model is asked for. The labels come from
 * `<p>.params.labels` (e.g. 'POSITIVE,NEGATIVE,NEUTRAL') or, failing that, from the system prompt:
 * every known label word it mentions (`Return only POSITIVE, NEGATIVE, or NEUTRAL.`), spelled
 * as the prompt spells it. Without either, POSITIVE / NEGATIVE / NEUTRAL.
 */
export interface LabelSet {
  positive: string;
  negative: string;
  /** Absent when the prompt offers only two labels: every score then picks a side. */
  neutral?: string;
}

const POSITIVE_WORDS = ['positive', 'pos', 'good', 'happy', 'yes'];
const NEGATIVE_WORDS = ['negative', 'neg', 'bad', 'unhappy', 'no'];
const NEUTRAL_WORDS = ['neutral', 'mixed', 'none'];

export const DEFAULT_LABELS: LabelSet = { positive: 'POSITIVE', negative: 'NEGATIVE', neutral: 'NEUTRAL' };

/** Scores within ±threshold are neutral (when a neutral label exists). */
export const DEFAULT_NEUTRAL_THRESHOLD = 0.05;

export function labelsFrom(explicit: string | undefined, systemPrompt: string | undefined): LabelSet {
  if (explicit) return labelsFromList(explicit.split(',').map((label) => label.trim()).filter(Boolean));
  if (systemPrompt) {
    const words = systemPrompt.match(/[A-Za-z_]+/g) ?? [];
    const found = labelsFromList(words, true);
    if (found.positive && found.negative) return found;
  }
  return DEFAULT_LABELS;
}

function labelsFromList(words: string[], onlyKnown = false): LabelSet {
  const pick = (candidates: string[]) => words.find((word) => candidates.includes(word.toLowerCase()));
  const positive = pick(POSITIVE_WORDS);
  const negative = pick(NEGATIVE_WORDS);
  const neutral = pick(NEUTRAL_WORDS);
  if (!onlyKnown && words.length >= 2 && (!positive || !negative)) {
    // An explicit list in an order we don't recognise: positive, negative[, neutral].
    return { positive: words[0]!, negative: words[1]!, neutral: words[2] };
  }
  return { positive: positive ?? '', negative: negative ?? '', neutral };
}

export function labelFor(score: number, labels: LabelSet, threshold = DEFAULT_NEUTRAL_THRESHOLD): string {
  if (labels.neutral !== undefined && Math.abs(score) <= threshold) return labels.neutral;
  return score >= 0 ? labels.positive : labels.negative;
}
