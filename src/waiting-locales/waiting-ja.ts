import type { WaitingStrings } from './waiting-en.js';

/** "While the customer waits" in Japanese. */
const strings: WaitingStrings = {
  title: "お客様の待ち時間",
  appliesLater: "変更は保存後に作成された引き継ぎに適用されます。すでに待機中の引き継ぎは開始時の設定のままです。",
  useHours: "Zendesk アカウントの営業時間（スケジュールと休日）を使う",
  noAgent: "エージェントが返信していない場合",
  minutes: "分（空欄: オフ）",
  minutesInvalid: "1〜10080 の整数で分数を入力するか、空欄にしてオフにしてください。",
  businessMinutes: "営業時間内の分だけを数える",
  action: "その後",
  keepWaiting: "待機を続け、お客様に知らせる",
  raisePriority: "チケットの優先度を上げてタグを追加する",
  returnToAi: "会話を AI に戻す",
  priority: "優先度",
  high: "高",
  urgent: "緊急",
  tag: "タグ",
  tagInvalid: "Zendesk のタグ: 小文字、数字、_ - :（80 文字以内）。",
  agentSilent: "お客様が書き込み、エージェントが返信していない場合",
  silentTag: "タグ（空欄: なし）",
  note: "チケットに社内メモを追加する",
  groups: "グループごとのスケジュール",
  groupsHint: "ここに挙げたグループのチケットはそのスケジュールで営業時間を数えます。それ以外のチケットは最初のスケジュール（{name}）を使います。",
  noSchedules: "Zendesk のスケジュールが見つかりません。Zendesk を接続するか、管理センターでスケジュールを作成してください。",
  groupId: "グループ ID",
  groupInvalid: "Zendesk のグループ ID は数字です。",
  groupDuplicate: "このグループはすでに上に記載されています。",
  schedule: "スケジュール",
  addGroup: "グループを追加",
  remove: "削除",
  samples: "待ち時間の見積もりに必要な最初の返信の最小数",
  samplesInvalid: "1〜1000 の整数を入力してください。",
  save: "待機設定を保存",
  saved: "保存しました。今後作成される引き継ぎにこの設定が使われます。",
};

export default strings;
