/**
 * Names of alarm kinds, access reasons and shower session ends for the activity page, in both
 * languages; a code without a name here is shown as the device sent it.
 */
import { lang } from '../i18n.js';

type Names = Record<string, [zh: string, en: string]>;

const ALARMS: Names = {
  door_held_open: ['门长时间未关', 'Door held open'],
  door_forced_open: ['门被强行打开', 'Door forced open'],
  fire_release: ['消防联动开门', 'Fire release'],
  relay_stuck: ['继电器卡滞', 'Relay stuck'],
  leak: ['漏水', 'Leak'],
  flow_tamper: ['流量异常（疑似遮挡）', 'Flow tamper'],
  valve_fault: ['阀门故障', 'Valve fault'],
  session_state_failed: ['会话状态写入失败', 'Session state not saved'],
  tariff_missing: ['缺少费率', 'Tariff missing'],
  low_balance: ['房间余额不足', 'Low room balance'],
  power_cut: ['已断电', 'Power cut'],
  power_restored: ['已恢复供电', 'Power restored'],
  power_override: ['人工控制供电', 'Power override'],
  power_control_failed: ['供电控制失败', 'Power control failed'],
  meter_silent: ['电表无应答', 'Meter silent'],
  meter_reset: ['电表清零', 'Meter reset'],
  meter_implausible_jump: ['电表读数跳变', 'Meter jump'],
  journal_full: ['存储已满', 'Journal full'],
  clock_offset: ['时钟偏差', 'Clock offset'],
  charge_uncertain: ['扣费待确认', 'Charge uncertain'],
  disk: ['磁盘', 'Disk'],
};

const REASONS: Names = {
  granted: ['刷卡通过', 'Granted'],
  granted_remote: ['远程开门', 'Opened remotely'],
  granted_exit_request: ['出门按钮', 'Exit button'],
  denied_blacklisted: ['黑名单', 'Blacklisted'],
  denied_unknown_card: ['未知卡', 'Unknown card'],
  denied_expired: ['卡已过期', 'Expired'],
  denied_not_yet_valid: ['卡未生效', 'Not yet valid'],
  denied_not_in_group: ['无此门权限', 'Not in group'],
  denied_lost: ['已挂失', 'Reported lost'],
  denied_replaced: ['已补卡作废', 'Replaced'],
  denied_cancelled: ['已注销', 'Cancelled'],
  denied_outside_schedule: ['不在开放时段', 'Outside schedule'],
  denied_holiday: ['节假日不开放', 'Holiday'],
  denied_anti_passback: ['防潜回', 'Anti-passback'],
  denied_insufficient_balance: ['余额不足', 'Insufficient balance'],
  denied_daily_limit: ['超出日限额', 'Daily limit'],
  denied_offline_limit: ['超出脱机限额', 'Offline limit'],
  denied_no_account: ['无账户', 'No account'],
  denied_no_tariff: ['无费率', 'No tariff'],
  denied_session_open: ['已有进行中的会话', 'Session open elsewhere'],
  denied_journal_full: ['设备存储已满', 'Journal full'],
  denied_point_fault: ['设备故障停用', 'Point out of service'],
};

const ENDS: Names = {
  tap: ['再次刷卡', 'Tapped off'],
  timeout: ['无水流超时', 'No flow timeout'],
  funds_exhausted: ['余额用尽', 'Funds exhausted'],
  max_duration: ['达到最长时间', 'Max duration'],
  max_cost: ['达到单次上限', 'Max cost'],
  restart: ['设备重启结算', 'Controller restart'],
  fault: ['故障', 'Fault'],
  shutdown: ['设备关机', 'Shutdown'],
};

const name = (table: Names, code: string): string => {
  const names = table[code];
  return names ? names[lang() === 'en' ? 1 : 0] : code;
};

export const alarmName = (kind: string): string => name(ALARMS, kind);
export const reasonName = (reason: string): string => name(REASONS, reason);
export const endName = (end: string): string => name(ENDS, end);
