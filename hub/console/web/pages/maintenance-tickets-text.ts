/**
 * The repair tickets' strings (Chinese and English), their answer types as the hub sends them
 * (a ticket, its resident, its detail with steps and events) and the names of statuses, categories
 * and sources. Used by maintenance-tickets.tsx and the files beside it (maintenance-ticket-*.tsx).
 */
import { strings } from '../i18n.js';

export const STATUSES = ['open', 'assigned', 'in_progress', 'resolved', 'closed', 'rejected'] as const;
export const CATEGORIES = ['electricity_meter', 'water_meter', 'door', 'consumption', 'permissions', 'other'] as const;
export type Status = (typeof STATUSES)[number];
export type Category = (typeof CATEGORIES)[number];
export type Source = 'self_test' | 'alarm' | 'resident';

export interface Ticket {
  ticketId: number;
  source: Source;
  category: Category;
  status: Status;
  deviceId: string | null;
  component: string | null;
  description: string;
  /** `masked`: name, student number and phone masked by the hub (full only with contact=1 and a reason). */
  resident: Resident | null;
  reportedAtMs: number;
  assignee: string | null;
  occurrences: number;
  lastSeenAtMs: number;
  createdAtMs: number;
  updatedAtMs: number;
}
export interface Resident {
  name: string;
  studentNumber: string;
  phone: string;
  dormRoom: string;
  masked: boolean;
}
export interface TicketDetail extends Ticket {
  steps: { fromStatus: Status | null; toStatus: Status; operatorId: string; note: string; atMs: number }[];
  events: { deviceId: string; seq: number; kind: string; summary: string; attachedAtMs: number }[];
}

export const T = strings({
  zh: {
    tickets: '报修工单', status: '状态', category: '类别', all: '全部', source: '来源', id: '单号', where: '设备 / 部件', description: '描述', resident: '报修人', room: '宿舍',
    occurrences: '次数', assignee: '负责人', updated: '更新时间', reported: '报修时间', show: '详情', none: '没有符合条件的工单',
    open: '待处理', assigned: '已指派', in_progress: '处理中', resolved: '已修复', closed: '已关闭', rejected: '已驳回',
    electricity_meter: '电表', water_meter: '水控 / 水表', door: '门禁', consumption: '消费', permissions: '权限', other: '其他',
    self_test: '自检', alarm: '告警', resident_source: '住户报修',
    ticket: '工单 #{id}', steps: '处理记录', from: '原状态', to: '新状态', operator: '操作员', note: '备注', at: '时间', events: '关联事件', kind: '类型', summary: '摘要',
    studentNumber: '学号', phone: '电话', name: '姓名', dormRoom: '宿舍房间', deviceId: '设备编号（可选）', submit: '登记报修', request: '住户报修登记',
    requested: '已登记报修单 #{id}', close: '关闭详情',
    go_assigned: '指派', go_reassign: '改派', go_in_progress: '开始处理', go_again: '重新处理', go_resolved: '标记已修复', go_closed: '关闭工单', go_rejected: '驳回',
    moveWhat: '工单 #{id} 将从“{from}”变为“{to}”，记入处理记录（操作员 {me}）。', assignTo: '指派给（操作员账号）', noteOptional: '备注（可选）',
    noWorkflow: '您的角色可以查看和登记报修，工单流转由运维或后勤处理。',
    masked: '（已隐去部分信息）', showContact: '显示联系方式', showContactGo: '显示', hideContact: '隐藏联系方式', cancel: '取消',
    contactWhy: '完整姓名、学号和电话属个人信息：填写理由后显示，理由记入审计日志。',
    newest: '最新', newer: '较新', older: '较早', page: '第 {n} 页',
  },
  en: {
    tickets: 'Repair tickets', status: 'Status', category: 'Category', all: 'All', source: 'Source', id: 'No.', where: 'Device / component', description: 'Description', resident: 'Reported by', room: 'Room',
    occurrences: 'Count', assignee: 'Assignee', updated: 'Updated', reported: 'Reported', show: 'Details', none: 'No ticket matches',
    open: 'open', assigned: 'assigned', in_progress: 'in progress', resolved: 'resolved', closed: 'closed', rejected: 'rejected',
    electricity_meter: 'electricity meter', water_meter: 'water', door: 'door', consumption: 'consumption', permissions: 'permissions', other: 'other',
    self_test: 'self-test', alarm: 'alarm', resident_source: 'resident',
    ticket: 'Ticket #{id}', steps: 'Steps', from: 'From', to: 'To', operator: 'Operator', note: 'Note', at: 'When', events: 'Events attached', kind: 'Kind', summary: 'Summary',
    studentNumber: 'Student number', phone: 'Phone', name: 'Name', dormRoom: 'Dorm room', deviceId: 'Device (optional)', submit: 'File request', request: "A resident's repair request",
    requested: 'Request #{id} filed', close: 'Close',
    go_assigned: 'Assign', go_reassign: 'Reassign', go_in_progress: 'Start work', go_again: 'Reopen work', go_resolved: 'Mark resolved', go_closed: 'Close ticket', go_rejected: 'Reject',
    moveWhat: 'Ticket #{id} goes from "{from}" to "{to}", recorded in its steps (operator {me}).', assignTo: 'Assign to (operator id)', noteOptional: 'Note (optional)',
    noWorkflow: 'Your role may read tickets and file requests; maintenance or facilities move them on.',
    masked: '(partly hidden)', showContact: 'Show contact', showContactGo: 'Show', hideContact: 'Hide contact', cancel: 'Cancel',
    contactWhy: 'The full name, student number and phone are personal data: shown for a stated reason, which is written to the audit log.',
    newest: 'Newest', newer: 'Newer', older: 'Older', page: 'page {n}',
  },
});

export const statusName = (s: string) => ((STATUSES as readonly string[]).includes(s) ? T(s as Status) : s);
export const categoryName = (c: string) => ((CATEGORIES as readonly string[]).includes(c) ? T(c as Category) : c);
export const sourceName = (s: Source) => (s === 'resident' ? T('resident_source') : T(s));
export const statusClass = (s: Status) => (s === 'open' ? 'badge bad' : s === 'closed' || s === 'resolved' ? 'badge good' : s === 'rejected' ? 'badge' : 'badge warn');
