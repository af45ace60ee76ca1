import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRules } from '../default-rules.js';
import { evaluate } from '../evaluate.js';
import { TurnSchema } from '../schema.js';
import { foldText, MAX_CHARS, splitSentences } from './chat-text.js';
import { detectHumanRequest } from './detect.js';

describe('chat text normalisation', () => {
  it('folds case, accents, curly apostrophes and stretched letters', () => {
    expect(foldText('HUMANNNN plzzz')).toBe('human plz');
    expect(foldText('Pásame con un AGENTE')).toBe('pasame con un agente');
    expect(foldText('I’d like a pleeease')).toBe("i'd like a please");
  });

  it('splits sentences and clauses, remembering which sentences were questions', () => {
    expect(splitSentences('kein bot, ich will nen menschen. geht das?')).toEqual([
      { clauses: [['kein', 'bot'], ['ich', 'will', 'nen', 'menschen']], question: false },
      { clauses: [['geht', 'das']], question: true },
    ]);
    expect(splitSentences('¿Puedo hablar con alguien?')).toEqual([{ clauses: [['puedo', 'hablar', 'con', 'alguien']], question: true }]);
  });

  it('rewrites chat spelling per language and says which words it rewrote', () => {
    const en = detectHumanRequest('pls get me a human rn');
    expect(en).toMatchObject({ human: true, language: 'en' });
    expect(en.rewrites).toEqual(expect.arrayContaining(['pls → please', 'rn → now']));
    expect(detectHumanRequest('cn u put me thru 2 sum1')).toMatchObject({ human: true, language: 'en' });
    expect(detectHumanRequest("j'veux parler à qqn stp")).toMatchObject({ human: true, language: 'fr' });
    expect(detectHumanRequest('vc me passa pra um atendente pfv')).toMatchObject({ human: true, language: 'pt' });
    expect(detectHumanRequest('kan ik ff een medewerker spreken')).toMatchObject({ human: true, language: 'nl' });
  });
});

describe('negation and near misses', () => {
  it.each([
    ["I don't want to talk to a human, just give me the tracking number", 'en'],
    ['please do not transfer me', 'en'],
    ['Ich will nicht mit einem Menschen sprechen', 'de'],
    ['Je ne veux pas parler à un conseiller', 'fr'],
    ['No quiero hablar con un agente', 'es'],
    ['Não preciso de atendente', 'pt'],
    ['Non voglio parlare con un operatore', 'it'],
    ['Ik wil geen medewerker spreken', 'nl'],
    ['担当者に代わってもらう必要はありません', 'ja'],
  ])('a declined request is no request: %s', (text, language) => {
    expect(detectHumanRequest(text)).toMatchObject({ human: false, negated: true, language });
  });

  it('does not let a negated bot negate the ask, nor a complaint ("why can\'t I …")', () => {
    expect(detectHumanRequest("I don't want a bot, I want a person")).toMatchObject({ human: true, family: 'bot-vs-person' });
    expect(detectHumanRequest('kein Bot, einen Menschen bitte')).toMatchObject({ human: true, family: 'bot-vs-person', language: 'de' });
    expect(detectHumanRequest("Why can't I just talk to a human?")).toMatchObject({ human: true, negated: false });
  });

  it.each([
    'I am not a robot', 'Are you a human or a bot?', 'I work in human resources', 'my travel agent booked it', 'the user agent string is wrong',
    'my manager wants the invoice', 'I talked to an agent yesterday', 'Je voudrais parler de ma commande', 'Mensch, das dauert ewig', '人気の商品はどれですか',
  ])('is not a request: %s', (text) => {
    expect(detectHumanRequest(text).human).toBe(false);
  });
});

describe('a person word as a predicate is no ask', () => {
  it.each([
    ['I want to become an agent', 'en'], ['I would like to work as an agent', 'en'], ['Je veux devenir conseiller', 'fr'], ['Quiero ser agente', 'es'],
    ['Quero virar atendente', 'pt'], ['Voglio diventare operatore', 'it'], ['Ich möchte Mitarbeiter werden', 'de'], ['Ich möchte als Berater arbeiten', 'de'], ['Ik wil medewerker worden', 'nl'],
  ])('says what the customer wants to be, not whom: %s', (text) => {
    expect(detectHumanRequest(text).human).toBe(false);
  });

  it.each([
    'I want to be transferred to an agent', 'Is a human available?', 'Quiero ser atendido por un agente', 'Je voudrais être mis en relation avec un conseiller',
    'Ci sono operatori disponibili?', 'Ich möchte mit einem Mitarbeiter verbunden werden', 'Ik wil doorverbonden worden met een medewerker',
  ])('still reads a passive or "is there" ask around the same verbs: %s', (text) => {
    expect(detectHumanRequest(text).human).toBe(true);
  });
});

describe('teams, bare asks and declines', () => {
  it('reaches a team or department only with a verb of routing or talking', () => {
    expect(detectHumanRequest('could you put me through to the returns department?')).toMatchObject({ human: true, language: 'en' });
    expect(detectHumanRequest('Stellen Sie mich bitte zur Buchhaltung durch')).toMatchObject({ human: true, language: 'de' });
    expect(detectHumanRequest('Vous pouvez me transférer au service technique ?')).toMatchObject({ human: true, language: 'fr' });
    expect(detectHumanRequest('I need billing info for my taxes').human).toBe(false);
    expect(detectHumanRequest('Preciso do suporte técnico da impressora').human).toBe(false);
  });

  it('reads a bare prepositional ask and "someone from X" as a whole message', () => {
    expect(detectHumanRequest('with an agent please')).toMatchObject({ human: true, family: 'short' });
    expect(detectHumanRequest('Con un asesor, por favor')).toMatchObject({ human: true, language: 'es' });
    expect(detectHumanRequest('Iemand van de administratie graag')).toMatchObject({ human: true, language: 'nl' });
    expect(detectHumanRequest('Alguien de ventas me escribió ayer').human).toBe(false);
  });

  it.each([
    ['No need to connect me with anyone, thanks', 'en'],
    ['Inutile de me passer un conseiller, merci', 'fr'],
    ['Pas la peine de me transférer à quelqu\'un', 'fr'],
    ['No hace falta pasarme con un asesor', 'es'],
    ['Não precisa chamar um atendente', 'pt'],
    ['Non serve che mi passi un operatore', 'it'],
    ['Niet nodig, ik hoef geen medewerker', 'nl'],
    ['Nicht nötig, mich mit einem Berater zu verbinden', 'de'],
  ])('a "no need" declines: %s', (text) => {
    expect(detectHumanRequest(text).human).toBe(false);
  });

  it('lets a pronoun stand for the person of the sentence before, only with a verb of talking or routing', () => {
    expect(detectHumanRequest('Is there a supervisor? Please put me through to him.')).toMatchObject({ human: true, language: 'en' });
    expect(detectHumanRequest('The agent was rude. I want them fired.').human).toBe(false);
    expect(detectHumanRequest('I want to talk to him.').human).toBe(false);
  });

  it.each(['The bot said that an agent would call me', 'El bot dijo que un asesor me llamaría', 'Die KI sagte, dass ein Mitarbeiter anruft'])('reported speech is no ask: %s', (text) => {
    expect(detectHumanRequest(text).human).toBe(false);
  });

  it.each([
    'I want to complain about the agent who answered', 'Quiero hablar sobre el asesor de ayer', 'Je voudrais parler du conseiller qui m\'a répondu', 'Ik wil iets zeggen over de medewerker',
    '担当者と連絡できません',
  ])('talk about a person is no ask: %s', (text) => {
    expect(detectHumanRequest(text).human).toBe(false);
  });
});

describe('"instead of" turns an ask down', () => {
  it.each([
    ['Can I talk to you instead of a human?', 'en'],
    ["I'd rather talk to you than to a human", 'en'],
    ['Can you help me instead of transferring me to an agent?', 'en'],
    ['Tu peux m\'aider au lieu de me passer un conseiller ?', 'fr'],
    ['¿Puedes ayudarme tú en lugar de pasarme con un agente?', 'es'],
    ['Você pode me ajudar em vez de me passar para um atendente?', 'pt'],
    ['Puoi aiutarmi tu invece di passarmi a un operatore?', 'it'],
    ['Kun je me helpen in plaats van me door te verbinden met een medewerker?', 'nl'],
    ['Kannst du mir helfen statt mich mit einem Mitarbeiter zu verbinden?', 'de'],
  ])('the customer prefers the bot: %s', (text) => {
    expect(detectHumanRequest(text).human).toBe(false);
  });

  it('still reads a person asked for instead of the bot', () => {
    expect(detectHumanRequest('Can I talk to a human instead of you?').human).toBe(true);
    expect(detectHumanRequest('Instead of the bot I want a human')).toMatchObject({ human: true, family: 'bot-vs-person' });
    expect(detectHumanRequest('En lugar del bot quiero hablar con un agente')).toMatchObject({ human: true, language: 'es' });
    expect(detectHumanRequest('can I speak to a manager rather than a regular agent')).toMatchObject({ human: true, family: 'senior' });
  });
});

describe('asking who is there is no ask', () => {
  it.each(['Am I talking to a human?', 'Am I chatting with a real person?', 'am i speaking to a bot or a human?', 'Am I talking to a human right now?'])(
    'an identity question, as "are you a real person?" is: %s',
    (text) => {
      expect(detectHumanRequest(text).human).toBe(false);
    },
  );

  it('still reads an ask in the question or in a clause after it', () => {
    expect(detectHumanRequest('Am I able to talk to a human?').human).toBe(true);
    expect(detectHumanRequest('Am I allowed to speak to an agent?').human).toBe(true);
    expect(detectHumanRequest('am i talking to a bot, i want a human')).toMatchObject({ human: true, family: 'bot-vs-person' });
  });
});

describe('decision and trace', () => {
  it('names the language and the phrase family that matched', () => {
    expect(detectHumanRequest('Pourriez-vous me passer un responsable ?')).toMatchObject({ human: true, language: 'fr', family: 'senior', phrase: expect.stringContaining('responsable') });
    expect(detectHumanRequest('human pls')).toMatchObject({ human: true, language: 'en', family: 'short' });
    expect(detectHumanRequest('Vorrei parlare con un operatore')).toMatchObject({ human: true, language: 'it', family: 'polite-conditional' });
    expect(detectHumanRequest('Is er een medewerker beschikbaar?')).toMatchObject({ human: true, language: 'nl', family: 'question' });
  });

  it('lets the turn locale decide between languages that both read the message', () => {
    expect(detectHumanRequest('agente por favor', 'pt-BR')).toMatchObject({ human: true, language: 'pt' });
    expect(detectHumanRequest('agente por favor', 'es')).toMatchObject({ human: true, language: 'es' });
  });

  it('puts the reasons into the rule trace of the default rules', () => {
    const decision = evaluate(defaultRules(), TurnSchema.parse({ text: 'Könnten Sie mich bitte mit einem Mitarbeiter verbinden?', customer: { locale: 'de' } }));
    expect(decision.reasonCode).toBe('customer_request');
    const condition = decision.trace.flatMap((r) => r.conditions).find((c) => c.field === 'detected.human_request' && c.matched);
    expect(condition?.detail).toMatchObject({ human: true, language: 'de', family: 'polite-conditional', phrase: expect.stringContaining('mitarbeiter') });
  });

  it('reads at most the first 2,000 characters and never throws', () => {
    expect(detectHumanRequest(`${'order status '.repeat(Math.ceil(MAX_CHARS / 13))} talk to a human`).human).toBe(false);
    fc.assert(fc.property(fc.string({ maxLength: 400 }), fc.option(fc.string({ maxLength: 10 }), { nil: undefined }), (text, locale) => {
      expect(typeof detectHumanRequest(text, locale).human).toBe('boolean');
    }));
  });
});
