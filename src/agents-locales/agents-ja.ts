import type { AgentsStrings } from './agents-en.js';

const strings: AgentsStrings = {
  tab: 'AI エージェント', title: 'AI エージェント',
  intro: 'AI エージェントは AI プラットフォームとの接続 1 つです。プラットフォームはエージェントの API キーで Baton を呼び出し、Baton は署名シークレットで署名したイベントをコールバック URL に送ります。',
  none: 'AI エージェントはまだありません。作成して AI プラットフォームを接続してください。',
  adminRequired: 'AI エージェントを管理できるのは Zendesk 管理者だけです。続けるには Zendesk の管理者アカウントでサインインしてください。', signIn: 'Zendesk に管理者としてサインイン',
  create: '新しい AI エージェント', name: '名前', callbackUrl: 'コールバック URL', callbackHint: 'Baton は署名付きイベント (返信、状態の変化) をここに送ります。本番では https://。', createButton: 'AI エージェントを作成',
  nameRequired: 'AI エージェントに名前を付けてください。', urlInvalid: 'http:// または https:// のアドレスを入力してください。',
  onceTitle: '今すぐコピーしてください。表示されるのは一度だけです', onceHint: 'Baton が保存するのはキーのハッシュとシークレットの暗号化コピーだけで、誰も再表示できません。', apiKey: 'API キー', signingSecret: 'Webhook 署名シークレット', copy: 'コピー', copied: 'コピーしました', done: '保存しました',
  handoff: '会話を人に引き継ぐ', openSessions: '未完了の引き継ぎ: {n}', created: '作成日 {date}',
  sendTest: 'テストイベントを送信', testOk: '配信済み: 受信側の応答は {status} でした。', testRefused: '受信側の応答は {status} でした。実際のイベントは再送されます。', testNoAnswer: 'コールバック URL から応答がありません: {error}', bodyExcerpt: '応答の冒頭', noCallback: 'この AI エージェントにはコールバック URL がありません。',
  keys: 'API キー', keyLine: '作成日 {date}', keyRevoked: '無効化 {date}', newKey: '新しい API キー', revoke: '無効にする', revokeConfirm: '{prefix}… を無効にしますか? AI プラットフォームは (10 秒以内に) 使えなくなります。',
  rotate: '署名シークレットを更新', rotateConfirm: '新しい署名シークレットを作成しますか? 今後のイベントはこれで署名され、24 時間は以前のシークレットでも署名されます。その間に新しいシークレットを AI プラットフォームに設定してください。',
  delete: 'AI エージェントを削除', deleteConfirm: '{name} を削除しますか? API キーはすぐに使えなくなり、コールバック URL には何も送られなくなります。未完了の引き継ぎ ({n} 件) は Zendesk のチケットに残り、エージェントがそこで対応を終えられます。過去の引き継ぎはインサイトに残ります。',
  confirm: 'はい、続けます', cancel: 'キャンセル', deleted: '{name} を削除しました。',
  editCallback: '変更', saveCallback: 'コールバック URL を保存', waiting: 'お客様の待ち時間',
};

export default strings;
