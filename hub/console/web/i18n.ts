/**
 * The console's two languages: Chinese (zh-CN, the default) and English. Each page keeps its own
 * strings with `strings({zh: {...}, en: {...}})`; the type makes every key present in both. The
 * choice is kept in localStorage and switched from the header.
 */
export type Lang = 'zh-CN' | 'en';

const KEY = 'onecard.lang';
let current: Lang = readLang();

function readLang(): Lang {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(KEY, next);
  } catch {
    // private mode: the choice lasts this page only
  }
}

type Params = Record<string, string | number>;

/** A page's strings: `T('key', {n: 3})` fills `{n}` in the current language. */
export function strings<K extends string>(table: { zh: Record<K, string>; en: Record<K, string> }): (key: K, params?: Params) => string {
  return (key, params) => {
    const text = (current === 'en' ? table.en[key] : table.zh[key]) ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] !== undefined ? String(params[name]) : m)) : text;
  };
}

/** Strings shared by every page. */
export const t = strings({
  zh: {
    title: 'onecard 一卡通控制台',
    login: '登录',
    logout: '退出',
    operatorId: '操作员账号',
    password: '密码',
    loginFailed: '登录失败：{message}',
    loading: '加载中…',
    retry: '重试',
    refresh: '刷新',
    none: '无',
    confirm: '确认',
    cancel: '取消',
    close: '关闭',
    search: '搜索',
    reason: '查询理由',
    reasonHint: '查看个人信息需说明理由，将记入审计日志',
    forbidden: '您的角色无权执行此操作',
    error: '出错了：{message}',
    done: '已完成',
    yes: '是',
    no: '否',
    loadedIn: '页面加载 {ms} 毫秒',
    roles: '角色',
    lastUpdated: '更新于 {time}',
    csv: '导出 CSV',
    print: '打印',
    noAccess: '没有可访问的页面',
    passwordChange: '需先修改密码（onecard admin operator password）',
  },
  en: {
    title: 'onecard console',
    login: 'Log in',
    logout: 'Log out',
    operatorId: 'Operator',
    password: 'Password',
    loginFailed: 'Login failed: {message}',
    loading: 'Loading…',
    retry: 'Retry',
    refresh: 'Refresh',
    none: 'None',
    confirm: 'Confirm',
    cancel: 'Cancel',
    close: 'Close',
    search: 'Search',
    reason: 'Reason',
    reasonHint: 'Personal data needs a stated reason; it is written to the audit log',
    forbidden: 'Your role may not do this',
    error: 'Error: {message}',
    done: 'Done',
    yes: 'yes',
    no: 'no',
    loadedIn: 'page loaded in {ms} ms',
    roles: 'Roles',
    lastUpdated: 'updated {time}',
    csv: 'Export CSV',
    print: 'Print',
    noAccess: 'No page is open to your roles',
    passwordChange: 'Change your password first (onecard admin operator password)',
  },
});

/** Fen as yuan: 1234 → ¥12.34, -5 → -¥0.05. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A time in the campus's local form, in the current language. */
export function when(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || ms <= 0) return '—';
  return new Date(ms).toLocaleString(current === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
}
