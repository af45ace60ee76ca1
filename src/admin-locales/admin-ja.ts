import type { AdminStrings } from './admin-en.js';

const ja: AdminStrings = {
  title: 'エスカレーションルール', agent: 'AI エージェント', on: '有効', off: '無効', add: 'ルールを追加', name: 'ルール名', field: 'フィールド', operator: '演算子', value: '値', reason: '理由', handoff: '引き継ぐ', suggest: '提案のみ',
  tryIt: 'メッセージでテスト', tryPlaceholder: '例: 人と話したい', tryButton: 'テスト', noMatch: '一致するルールはありません。AI が会話を続けます。', matched: '一致',
  noAgents: 'このアカウントに接続された AI エージェントはまだありません。', adminRequired: 'ルールを変更できるのは Zendesk 管理者だけです。続けるには Zendesk の管理者アカウントでサインインしてください。', ruleGone: 'このルールは別の場所で変更または削除されました。一覧には現在のルールが表示されています。', signInAsAdmin: 'Zendesk に管理者としてサインイン',
  newRule: '新しいルール', editRule: 'ルールを編集: {name}', edit: '編集', delete: '削除', cancel: 'キャンセル', save: 'ルールを保存', active: '有効', moveUp: '上へ移動', moveDown: '下へ移動', dragHandle: 'ドラッグして {name} を並べ替え',
  confirmDelete: 'ルール「{name}」を削除しますか？元に戻せません。', confirmDeleteYes: '削除する', saved: 'ルールを保存しました。', deletedOne: 'ルールを削除しました。', moved: '{name} は {total} 件中 {n} 番目のルールになりました。',
  allTitle: '次のすべての条件を満たす', anyTitle: '次のいずれかの条件を満たす', addCondition: '条件を追加', removeCondition: '条件 {n} を削除', conditionN: '条件 {n}',
  attribute: '属性名', yes: 'はい', no: 'いいえ', actions: 'アクション', actionType: '動作', group: 'Zendesk グループ ID', priority: '優先度', priorityDefault: '変更しない',
  priorities: { urgent: '緊急', high: '高', normal: '普通', low: '低' }, tags: 'タグ（スペース区切り）', messages: '顧客への引き継ぎメッセージ', messageIn: '{language}のメッセージ', noConditions: '条件なし',
  problems: { nameRequired: 'ルールに名前を付けてください。', needValue: '値を入力してください。', notNumber: '数値を入力してください。', badPattern: 'このパターンは無効です: {detail}', needCondition: '条件を 1 つ以上追加してください。', badTag: 'タグには小文字、数字、_ : - のみ使えます。', badGroup: 'グループ ID は正の整数です。', operatorMismatch: 'この演算子はこのフィールドには使えません。', attributeRequired: '属性名を入力してください。', other: 'この値を確認してください: {detail}' },
  result: { met: '満たす', notMet: '満たさない', skipped: '未確認（前の条件を満たさなかったため）', actual: 'メッセージの値: {actual}', nothing: 'なし', disabled: '無効: スキップ', error: '確認できませんでした: {detail}' },
  decisionHandoff: '「{rule}」で引き継ぎます（{reason}）。', decisionSuggest: '「{rule}」で引き継ぎを提案します（{reason}）。', handoffOff: 'この AI エージェントの引き継ぎはオフです。',
  fields: {
    text: '顧客のメッセージ', language: '言語', confidence: 'AI の確信度（0〜1）', sentiment: '顧客の感情（−1〜1）', intent: 'トピック（インテント）', consecutive_fallbacks: 'AI の連続フォールバック数', turn_count: 'ターン数', waiting_seconds: '待ち時間（秒）', business_hours: '営業時間内', trigger: 'カスタムトリガー',
    'detected.human_request': '人との会話を希望', 'detected.repeated_fallback': 'AI が失敗を繰り返す', 'detected.low_confidence': 'AI の確信度が低い', 'detected.negative_sentiment': '顧客が不満を抱えている',
    'customer.': '顧客の属性', 'metadata.': '会話のメタデータ', 'trigger.payload.': 'トリガーの値',
  },
  operators: { is: '等しい', is_not: '等しくない', contains: '含む', not_contains: '含まない', matches: 'パターンに一致', less_than: '未満', greater_than: 'より大きい', includes: 'いずれかに一致', present: 'あり', not_present: 'なし' },
};
export default ja;
