/** The Cards and people page's strings, its answer types and small helpers (yuan input, references). */
import { lang, strings } from '../i18n.js';

export type CardStatus = 'active' | 'lost' | 'replaced' | 'cancelled';
export type PersonType = 'staff' | 'student' | 'freshman' | 'temporary';

export interface FoundCard {
  uid: string;
  status: CardStatus;
  createdAtMs: number;
  updatedAtMs: number;
  validFromMs: number | null;
  validUntilMs: number | null;
  replacedByUid: string | null;
}

export interface FoundPerson {
  personId: string;
  name: string;
  type: PersonType;
  orgUnit: string | null;
  phone: string | null;
  validFromMs: number | null;
  validUntilMs: number | null;
  matchedBy: 'personId' | 'card' | 'name';
  account: { accountId: string; balanceFen: number; closedAtMs: number | null } | null;
  cards: FoundCard[];
}

export interface SearchAnswer {
  q: string;
  limit: number;
  people: FoundPerson[];
  truncated: boolean;
}

export interface CardLifeSettings {
  replacementFeeFen: number;
  cancelBalance: 'refund' | 'write_off';
}

export const T = strings({
  zh: {
    searchHint: '姓名、学工号或卡号', searchGo: '查询', searching: '查询中…', noneFound: '没有找到匹配的人员', truncated: '只显示前 {n} 人，请输入更完整的姓名、学工号或卡号',
    found: '找到 {n} 人', personId: '学工号', name: '姓名', type: '类别', validity: '有效期', orgUnit: '部门', balance: '账户余额', accountClosed: '账户已关闭',
    expired: '已过期', noAccount: '无账户', always: '长期有效', from: '{date} 起', until: '至 {date}', range: '{from} 至 {until}', cardUid: '卡号', state: '状态',
    changedAt: '变更时间', replacedBy: '补发新卡', actions: '操作', noCards: '名下没有卡', matched: '匹配：{by}', byPersonId: '学工号', byCard: '卡号', byName: '姓名',
    staff: '教职工', student: '学生', freshman: '新生', temporary: '临时人员',
    active: '正常', lost: '已挂失', replaced: '已补卡作废', cancelled: '已注销',
    lost_action: '挂失', lostWhat: '卡 {uid}（{name}）将被挂失：所有设备立即拒绝此卡，黑名单随即下发。找回后可解挂。',
    found_action: '解挂', foundWhat: '卡 {uid}（{name}）将恢复正常：黑名单撤销，此卡可再次使用。',
    replace_action: '补卡', replaceWhat: '为 {name} 补发新卡，旧卡 {uid} 将永久作废（各设备拒绝）。新卡沿用原账户与有效期。',
    newUid: '新卡卡号（8–20 位十六进制）', defective: '旧卡损坏（质量问题，免费补卡）', fee: '补卡费', free: '免费', balanceNow: '当前余额', balanceAfter: '操作后余额',
    balanceShort: '余额不足以支付补卡费，中心将拒绝：请先充值（损坏卡免费）。',
    cancel_action: '销户', cancelWhat: '{name} 离校/离职销户：名下 {n} 张卡永久注销（各设备拒绝），账户关闭，不能再充值。',
    refundWhat: '余额 {amount} 将以现金退还本人。', writeOffWhat: '余额 {amount} 将按规定核销（计入坏账），不退还。', zeroWhat: '余额为零，无需结算。',
    owedWhat: '账户透支 {amount}：按退款规则中心将拒绝销户，请本人先充值补足。', owedWriteOff: '账户透支 {amount} 将核销（计入坏账）。',
    topup_action: '充值', topupWhat: '向 {name} 的账户 {account} 现金充值。', amountYuan: '金额（元）', reference: '收据号', amountInvalid: '金额须为 0.01 至 100000 元，最多两位小数',
    issue_action: '发卡', issueWhat: '向 {name}（{personId}）发放新卡，卡号登记后即可在各设备使用。', issueUid: '卡号（8–20 位十六进制）',
    addPerson: '新增人员', addWhat: '登记新人员并开立个人账户（余额 0）。', add_type: '类别',
    doneLost: '卡 {uid} 已挂失（黑名单版本 {version}）', doneFound: '卡 {uid} 已解挂（黑名单版本 {version}）',
    doneReplace: '已补卡：新卡 {uid}，收费 {fee}，余额 {balance}', doneCancel: '已销户：注销 {n} 张卡，{settled}', doneRefund: '退还现金 {amount}', doneWriteOff: '核销 {amount}', doneNone: '无余额结算',
    doneTopup: '已充值 {amount}，现余额 {balance}', doneTopupAgain: '此充值已入账（收据号重复提交，未重复扣款），余额 {balance}', doneIssue: '已发卡 {uid}', doneAdd: '已新增 {personId}（账户 {account}）',
    readOnly: '只读：您的角色可查询，不能办理卡务',
  },
  en: {
    searchHint: 'Name, person number or card UID', searchGo: 'Search', searching: 'Searching…', noneFound: 'Nobody matches', truncated: 'Only the first {n} shown: type more of the name, number or UID',
    found: '{n} found', personId: 'Number', name: 'Name', type: 'Type', validity: 'Valid', orgUnit: 'Org unit', balance: 'Balance', accountClosed: 'account closed',
    expired: 'expired', noAccount: 'no account', always: 'no end', from: 'from {date}', until: 'until {date}', range: '{from} to {until}', cardUid: 'Card UID', state: 'State',
    changedAt: 'Changed', replacedBy: 'Replaced by', actions: 'Actions', noCards: 'No cards', matched: 'matched by {by}', byPersonId: 'number', byCard: 'card UID', byName: 'name',
    staff: 'staff', student: 'student', freshman: 'freshman', temporary: 'temporary',
    active: 'active', lost: 'lost', replaced: 'replaced', cancelled: 'cancelled',
    lost_action: 'Report lost', lostWhat: 'Card {uid} ({name}) is reported lost: every device denies it at once, the blacklist is pushed now. It can be found again.',
    found_action: 'Found', foundWhat: 'Card {uid} ({name}) becomes active again: off the blacklist, usable again.',
    replace_action: 'Replace', replaceWhat: 'A new card for {name}; the old card {uid} is denied for ever on every device. The new card keeps the account and validity.',
    newUid: 'New card UID (8-20 hex digits)', defective: 'The old card is defective (replaced free)', fee: 'Replacement fee', free: 'free', balanceNow: 'Balance now', balanceAfter: 'Balance after',
    balanceShort: 'The balance does not cover the fee: the hub will refuse. Top up first (a defective card is free).',
    cancel_action: 'Cancel', cancelWhat: '{name} leaves: their {n} cards are cancelled for ever (denied on every device), the account is closed and takes no top-ups.',
    refundWhat: 'The balance of {amount} is handed back in cash.', writeOffWhat: 'The balance of {amount} is written off (bad debt), not handed back.', zeroWhat: 'The balance is zero: nothing to settle.',
    owedWhat: 'The account is overdrawn by {amount}: under the refund policy the hub will refuse; the holder tops up first.', owedWriteOff: 'The overdraft of {amount} is written off (bad debt).',
    topup_action: 'Top up', topupWhat: 'Cash paid in to account {account} of {name}.', amountYuan: 'Amount (yuan)', reference: 'Receipt', amountInvalid: 'The amount must be 0.01 to 100000 yuan with at most two decimals',
    issue_action: 'Issue card', issueWhat: 'A new card for {name} ({personId}), usable on every device once issued.', issueUid: 'Card UID (8-20 hex digits)',
    addPerson: 'Add person', addWhat: 'A new person with a personal account (balance 0).', add_type: 'Type',
    doneLost: 'Card {uid} reported lost (blacklist version {version})', doneFound: 'Card {uid} found (blacklist version {version})',
    doneReplace: 'Replaced: new card {uid}, fee {fee}, balance {balance}', doneCancel: 'Cancelled: {n} cards, {settled}', doneRefund: '{amount} handed back', doneWriteOff: '{amount} written off', doneNone: 'nothing to settle',
    doneTopup: 'Topped up {amount}, balance now {balance}', doneTopupAgain: 'This top-up was already booked (same receipt, not taken twice); balance {balance}', doneIssue: 'Card {uid} issued', doneAdd: 'Added {personId} (account {account})',
    readOnly: 'Read only: your role may look up, not act',
  },
});

/** A date alone, in the current language. */
export function day(ms: number): string {
  return new Date(ms).toLocaleDateString(lang() === 'en' ? 'en-GB' : 'zh-CN');
}

export function validityText(fromMs: number | null, untilMs: number | null): string {
  if (fromMs === null && untilMs === null) return T('always');
  if (fromMs === null) return T('until', { date: day(untilMs!) });
  if (untilMs === null) return T('from', { date: day(fromMs) });
  return T('range', { from: day(fromMs), until: day(untilMs) });
}

/**
 * Yuan as typed at the window ("12", "12.5", "12.50") as whole fen, without floating point;
 * null when it is not an amount from 0.01 to 100,000 yuan with at most two decimals.
 */
export function fenOfYuan(text: string): number | null {
  const m = /^\s*(\d{1,6})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen >= 1 && fen <= 10_000_000 ? fen : null;
}

/** A receipt reference made once per top-up dialog, so a retried confirm is the same top-up. */
export function newReference(): string {
  const bytes = new Uint8Array(5);
  crypto.getRandomValues(bytes);
  const d = new Date();
  const date = `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
  return `WIN-${date}-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase()}`;
}
