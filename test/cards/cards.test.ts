import { expect } from 'chai';
import { CardFillError, fillCard } from '../../cards/fill.js';
import { assertValidCard, checkCard, MAX_CARD_BYTES } from '../support/card-check.js';
import { EXAMPLES } from './examples.js';
import { FULL_NAME } from './fixtures.js';

describe('cards: every card, filled with realistic data', () => {
  for (const [name, { card }] of Object.entries(EXAMPLES)) {
    it(`${name} parses with Microsoft's adaptivecards library, version ≤ 1.5, under 28 KB`, () => {
      const report = assertValidCard(card, name);
      expect(report.bytes).to.be.below(MAX_CARD_BYTES);
      expect(card.version).to.equal('1.5');
      expect(JSON.stringify(card)).not.to.include('${');
    });
  }

  it('cards meant for group chats never carry the full name given in their data', () => {
    const group = Object.entries(EXAMPLES).filter(([, e]) => e.audience === 'group');
    expect(group.length).to.be.greaterThan(5);
    for (const [name, { card }] of group) expect(JSON.stringify(card), name).not.to.include(FULL_NAME);
  });

  it('1:1 invitation cards do name the child in full', () => {
    expect(JSON.stringify(EXAMPLES.invitation!.card)).to.include(FULL_NAME);
  });
});

describe('cards: fillCard', () => {
  it('refuses a template field the data lacks, naming it', () => {
    const template = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Due ${dueDate}' }] };
    expect(() => fillCard(template, {})).to.throw(CardFillError, /dueDate/);
  });

  it("keeps people's text that contains ${ readable without tripping the placeholder check", () => {
    const template = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${reason}' }] };
    const card = fillCard(template, { reason: 'cost ${5}' });
    expect(checkCard(card).errors).to.deep.equal([]);
  });

  it('gives every Action.Execute an Action.Submit fallback with the same data', () => {
    const template = {
      type: 'AdaptiveCard',
      version: '1.5',
      actions: [{ type: 'Action.Execute', title: 'Go', verb: 'myReviews', data: { verb: 'myReviews' } }],
    };
    const card = fillCard(template, {});
    expect(card.actions?.[0]).to.deep.include({ fallback: { type: 'Action.Submit', title: 'Go', data: { verb: 'myReviews' } } });
  });

  it('refuses an Action.Execute whose data does not repeat its verb', () => {
    const template = { type: 'AdaptiveCard', version: '1.5', actions: [{ type: 'Action.Execute', verb: 'vote', data: {} }] };
    expect(() => fillCard(template, {})).to.throw(CardFillError, /data.verb/);
  });
});

describe('card-check', () => {
  it('reports unknown types, bad values, typos in property names, duplicate ids, version and size', () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.6',
      body: [
        { type: 'TextBlok', text: 'x' },
        { type: 'TextBlock', text: 'x', size: 'huge', wrapp: true },
        { type: 'Input.Text', id: 'a' },
        { type: 'Input.Text', id: 'a' },
        { type: 'TextBlock', text: 'x'.repeat(MAX_CARD_BYTES) },
      ],
      actions: [{ type: 'Action.Execute', verb: 'vote', data: { verb: 'vote' } }],
    };
    const { errors } = checkCard(card);
    const all = errors.join('\n');
    expect(all).to.match(/version "1.6"/);
    expect(all).to.match(/Unknown element type "TextBlok"/);
    expect(all).to.match(/Invalid value "huge"/);
    expect(all).to.match(/unknown property .body\[1\].wrapp/);
    expect(all).to.match(/Duplicate Id "a"/);
    expect(all).to.match(/bytes; the limit is/);
    expect(all).to.match(/needs an Action.Submit fallback/);
  });
});
