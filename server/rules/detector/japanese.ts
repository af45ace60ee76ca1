import type { Family } from './grammar.js';
import type { GrammarMatch } from './match.js';

/**
 * Japanese has no spaces, so its grammar is a few bounded regular expressions over the NFKC text: a person
 * word, at most eight characters, then a request form. No nested quantifiers, so each is linear in the text.
 */
const PERSON = '(?:人間|生身の人|担当者|担当の(?:方|人)|担当|オペレーター?|スタッフ|有人|責任者|上司|マネージャー|サポートの(?:方|人)|係の(?:方|人)|窓口の(?:方|人)|店員|社員|係員|相談員|カスタマーサービス|カスタマーセンター|コールセンター|サポートセンター|窓口|チームの(?:方|人)|\\p{Script=Han}{1,4}(?:部|課)の(?:方|人)|技術者|専門の(?:方|人)|詳しい(?:方|人)|営業の(?:方|人)|サポート担当|カスタマーサポート|誰か(?=[にと]|から)|どなたか(?=[にと]|から)|(?<![\\p{Script=Han}])人(?=[とにがはをでいもっ]))';
const SENIOR = /責任者|上司|マネージャー/u;
const REQUEST_FORM = '(?:(?:話|はな)(?:し|がし|をし)?たい|(?:話|はな)せ|と(?:話|はな)しを|と話をさせ|と(?:話|はな)させ|(?:やりとり|やり取り)(?:し)?たい|に?(?:代わ|かわ|変わ)|に?(?:繋|つな)(?:いで|げて|ぎ|がせ|いでもら)|に?切り替え|に?対応し?て(?:ほしい|もらい|もらえ|いただ|ください|くれ)|に?確認して(?:ほしい|もらい)|(?:を|で)?お願い|(?:を)?出して|を?呼んで|(?:聞き|質問し|問い合わせ)たい|聞いて(?:ほしい|もらい|もらえ|ください|いただ)|相談(?:したい|させて|でき(?!ません(?!か)|なかった|ない(?![?？か]))|に乗って|を(?:したい|お願い|させて))|チャット(?:したい|でき(?!ません(?!か)|なかった|ない(?![?？か]))|させて)|(?:電話|連絡|折り返し)(?:を)?(?:して)?(?:ほしい|ください|もらえ|いただ|くれ|お願い|でき(?!ません(?!か)|なかった|ない(?![?？か])))|説明して(?:ほしい|ください|もらえ|いただ|くれ)|に?回して(?:ほしい|ください|もらえ|いただ|くれ)|いません|はいますか|(?<![てで])いますか|がいい|(?:は|も)?可能|を希望|ありますか|オンライン(?:ですか|でしょうか|にいますか|の方はいますか))';
const REQUEST = new RegExp(`(${PERSON})(.{0,8}?)(${REQUEST_FORM})`, 'u');
const BARE = new RegExp(`^(?:誰か)?(${PERSON})(?:さん|の方)?(?:を|で)?(?:お願い(?:します)?)?[!?！？。.…\\s]*$`, 'u');
/** Declining forms: "no need", "not necessary", "it's fine without". "いません" is a question form ("is nobody there?"), not a decline. */
const DECLINE = /必要(?:は|が)?(?:もう)?(?:ありません|ない|なし)|いりません|いらない|不要|結構です|なくて(?:大丈夫|いい|結構)|(?<![つ繋])ないで(?:大丈夫|いい|ください)|たくない|話しません/u;
const BOT = /(?:ボット|ロボット|AI|ＡＩ|機械|自動応答|チャットボット)(?:じゃなく|ではなく|より|は嫌|はいや)/u;
const POLITE = /もらえ|いただけ|ください|させて/u;
const QUESTION = /[か？?]\s*$/u;

export const JAPANESE_SCRIPT = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

export function matchJapanese(raw: string): GrammarMatch | null {
  const text = raw.normalize('NFKC').slice(0, 2_000);
  let family: Family;
  let phrase: string;
  const hit = REQUEST.exec(text);
  if (hit) {
    phrase = hit[0];
    family = SENIOR.test(hit[1]!) ? 'senior' : BOT.test(text) ? 'bot-vs-person' : POLITE.test(text) ? 'polite-conditional' : QUESTION.test(text) ? 'question' : 'request';
  } else {
    const bare = BARE.exec(text.trim());
    if (!bare) return null;
    phrase = bare[0];
    family = SENIOR.test(bare[1]!) ? 'senior' : 'short';
  }
  return { family, phrase, negated: DECLINE.test(text), rewrites: [] };
}
