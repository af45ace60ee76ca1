import type { GrammarSpec } from '../grammar.js';

export const en: GrammarSpec = {
  lang: 'en',
  stopwords: 'the i you to is are can could would please my your with this that it not do want need what where how there have get of and for me just',
  rewrites: {
    pls: 'please', plz: 'please', plx: 'please', plox: 'please', pleas: 'please', pleez: 'please', plis: 'please', pleease: 'please', pleasee: 'please',
    u: 'you', ur: 'your', r: 'are', rn: 'now', asap: 'now', ppl: 'people', peeps: 'people',
    sum1: 'someone', some1: 'someone', sm1: 'someone', smone: 'someone', any1: 'anyone', ne1: 'anyone', anybdy: 'anybody', sb: 'somebody',
    tlk: 'talk', tak: 'talk', tlak: 'talk', spk: 'speak', '2': 'to', w: 'with', cn: 'can', cud: 'could', cld: 'could', y: 'why',
    wanna: 'want to', gonna: 'going to', gimme: 'give me', lemme: 'let me', thru: 'through',
    hooman: 'human', humam: 'human', humen: 'human', hmn: 'human', huamn: 'human', humna: 'human', agnt: 'agent', rep: 'representative', reps: 'representatives',
    "i'm": 'i am', im: 'i am', "i'd": 'i would', "i've": 'i have', "i'll": 'i will', "don't": 'do not', dont: 'do not', "can't": 'can not', cant: 'can not',
    cannot: 'can not', "won't": 'will not', "doesn't": 'does not', "didn't": 'did not', "isn't": 'is not', "wouldn't": 'would not', "couldn't": 'could not',
    "there's": 'there is', "let's": 'let us', "it's": 'it is', "you're": 'you are',
  },
  people: [
    'human', 'humans', 'human being', 'human beings', 'person', 'people', 'someone', 'somebody', 'anyone', 'anybody', 'agent', 'agents',
    'representative', 'representatives', 'operator', 'operators', 'staff', 'support staff', 'customer service', 'customer support', 'support team',
    'service team', 'human support', 'advisor', 'adviser', 'consultant', 'specialist', 'employee', 'flesh and blood',
  ],
  seniors: ['manager', 'supervisor', 'boss', 'someone senior', 'somebody senior', 'someone in charge', 'somebody in charge', 'person in charge', 'team lead', 'team leader', 'superior', 'higher up', 'higher ups'],
  notPeople: [
    'human resources', 'human error', 'human rights', 'human nature', 'travel agent', 'real estate agent', 'estate agent', 'insurance agent', 'user agent',
    'agent seat', 'agent seats', 'agent license', 'agent licence', 'agent app', 'agent field', 'agent login', 'secret agent', 'person to person', 'people person',
  ],
  possessives: 'my our his her their',
  fillers: 'please a an the real actual live now right just hi hello hey yo ok okay only asap immediately quickly urgently thanks ugh seriously omg again any some',
  cues: {
    after: [
      'talk to', 'talk with', 'speak to', 'speak with', 'chat with', 'chat to', 'talking to', 'talking with', 'speaking to', 'speaking with', 'chatting with',
      'get through to', 'reach', 'connect me', 'connect us', 'connect to', 'transfer me', 'transfer us', 'transfer to', 'transfer this to', 'put me through',
      'put me', '^ put', 'please put', 'can you put', 'could you put', 'pass me', 'hand me over', 'escalate to', 'escalate this to', 'escalate me to',
      'escalate it to', 'escalate my case to', 'get me', 'give me', 'can you get', 'could you get', 'please get', 'go get', '^ get', '^ bring', '^ find me',
      'possible to get', 'send me', 'i want', 'i need', 'i would like', 'i would prefer',
      'i prefer', 'i would rather', 'rather', 'i demand', 'i insist on', 'i require', 'let me', 'can i have', 'can i get', 'could i have', 'could i get',
      'may i have', 'is there|1', 'are there|1', 'i would appreciate',
    ],
    near: ['available', 'around', 'on the line', 'on the phone'],
    before: ['look at', 'take a look', 'check', 'review', 'take over', 'call me', 'call me back', 'contact me', 'get back to me', 'ring me'],
    alone: ['transfer me', 'connect me', 'put me through', 'escalate this', 'escalate me', 'anyone there', 'anybody there', 'anyone here', 'anybody here', 'someone there'],
  },
  polite: 'could would may possible appreciate kindly',
  negators: 'not no never without nobody noone nope',
  bots: ['bot', 'bots', 'robot', 'robots', 'ai', 'machine', 'chatbot', 'computer', 'automated', 'not you', 'this thing', 'assistant'],
  why: ['why', 'how come'],
};
