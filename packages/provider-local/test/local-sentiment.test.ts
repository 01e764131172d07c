import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS, labelFor, labelsFrom } from '../src/models/sentiment-labels.js';
import { SentimentModel } from '../src/models/sentiment-model.js';

describe('label mapping', () => {
  it.each([
    ['Return only POSITIVE, NEGATIVE, or NEUTRAL.', { positive: 'POSITIVE', negative: 'NEGATIVE', neutral: 'NEUTRAL' }],
    ['Answer positive or negative.', { positive: 'positive', negative: 'negative', neutral: undefined }],
    ['Classify as Good, Bad or Mixed', { positive: 'Good', negative: 'Bad', neutral: 'Mixed' }],
    ['Summarise the text.', DEFAULT_LABELS],
  ])('reads the labels of %j', (prompt, expected) => {
    expect(labelsFrom(undefined, prompt)).toEqual(expected);
  });

  it('prefers explicit labels in positive, negative, neutral order', () => {
    expect(labelsFrom('happy,sad,meh', 'Return only POSITIVE or NEGATIVE')).toEqual({ positive: 'happy', negative: 'sad', neutral: 'meh' });
  });

  it('maps scores around the neutral band', () => {
    expect(labelFor(0.4, DEFAULT_LABELS)).toBe('POSITIVE');
    expect(labelFor(-0.4, DEFAULT_LABELS)).toBe('NEGATIVE');
    expect(labelFor(0.01, DEFAULT_LABELS)).toBe('NEUTRAL');
    expect(labelFor(0.01, { positive: 'yes', negative: 'no' })).toBe('yes');
    expect(labelFor(0.2, DEFAULT_LABELS, 0.3)).toBe('NEUTRAL');
  });
});

describe('wink sentiment model', () => {
  const model = SentimentModel.load();

  it('scores clear English sentiment in [-1, 1] with the right sign', () => {
    const love = model.score('I love this product, it is great!');
    const hate = model.score('This is terrible, I hate it.');
    expect(love).toBeGreaterThan(0.1);
    expect(hate).toBeLessThan(-0.1);
    expect(Math.abs(model.score('The package arrived on Tuesday.'))).toBeLessThanOrEqual(0.05);
    for (const score of [love, hate]) expect(Math.abs(score)).toBeLessThanOrEqual(1);
  });

  it('handles negation', () => {
    expect(model.score('not bad at all')).toBeGreaterThan(0);
    expect(model.score('not good')).toBeLessThan(0);
  });
});
