/**
 * The console shell: the login form, the password change the hub may ask for, the menu of the
 * pages the operator's roles open, the language switch, and a hash router (#/overview).
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, changePassword, currentSession, login, logout, whenSessionExpires, type Session } from './api.js';
import { lang, setLang, t } from './i18n.js';
import { PAGES, pagesFor } from './pages.js';
import { ErrorLine, refusalText } from './ui.js';

const ROLE_NAMES: Record<string, [zh: string, en: string]> = {
  card_office: ['卡务中心', 'card office'], finance: ['财务', 'finance'], facilities: ['后勤', 'facilities'], maintenance: ['运维', 'maintenance'],
  auditor: ['审计', 'auditor'], merchant: ['商户', 'merchant'], admin: ['管理员', 'admin'],
};

/** A role as the operator reads it (the hub's code when unknown). */
function roleName(role: string): string {
  const names = ROLE_NAMES[role];
  return names ? names[lang() === 'en' ? 1 : 0] : role;
}

function hashPage(): string {
  return location.hash.replace(/^#\/?/, '').split('?')[0] ?? '';
}

export function App() {
  const [session, setSession] = useState<Session | null>(currentSession());
  const [language, setLanguage] = useState(lang());
  const [pageId, setPageId] = useState(hashPage());

  useEffect(() => {
    whenSessionExpires(() => setSession(null));
    const onHash = () => setPageId(hashPage());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  const switchLang = () => {
    const next = language === 'en' ? 'zh-CN' : 'en';
    setLang(next);
    setLanguage(next);
  };
  const langButton = (
    <button type="button" class="link" data-testid="lang" onClick={switchLang}>
      {language === 'en' ? '中文' : 'English'}
    </button>
  );

  if (!session) return <Login onLogin={setSession} langButton={langButton} />;
  if (session.mustChangePassword) return <ChangePassword onDone={() => setSession(currentSession())} />;

  const pages = pagesFor(session.roles);
  // A page named in the address but not open to these roles is refused, not swapped for another.
  const refused = pages.some((p) => p.id === pageId) ? undefined : PAGES.find((p) => p.id === pageId);
  const page = refused ?? pages.find((p) => p.id === pageId) ?? pages[0];
  const Component = page?.component;
  return (
    <div class="shell" key={language}>
      <header>
        <strong>{t('title')}</strong>
        <nav>
          {pages.map((p) => (
            <a href={`#/${p.id}`} class={p === page ? 'current' : ''} data-testid={`nav-${p.id}`}>
              {language === 'en' ? p.title.en : p.title.zh}
            </a>
          ))}
        </nav>
        <span class="who" data-testid="who">
          {session.name} ({session.roles.map(roleName).join(language === 'en' ? ', ' : '、')})
        </span>
        {langButton}
        <button type="button" class="link" data-testid="logout" onClick={() => void logout().finally(() => setSession(null))}>
          {t('logout')}
        </button>
      </header>
      <main data-page={page?.id ?? ''}>
        {refused ? (
          <>
            <h1>{language === 'en' ? refused.title.en : refused.title.zh}</h1>
            <p class="error" role="alert" data-testid="error" data-code="forbidden">
              {t('forbidden')}
            </p>
          </>
        ) : page && Component ? (
          <>
            <h1>{language === 'en' ? page.title.en : page.title.zh}</h1>
            <Component roles={session.roles} />
          </>
        ) : (
          <p>{t('noAccess')}</p>
        )}
      </main>
    </div>
  );
}

function Login({ onLogin, langButton }: { onLogin: (s: Session) => void; langButton: preact.ComponentChildren }) {
  const [operatorId, setOperatorId] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLogin(await login(operatorId.trim(), password));
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="login" onSubmit={submit} data-testid="login">
      <h1>{t('title')}</h1>
      <label>
        {t('operatorId')}
        <input name="operatorId" autoComplete="username" required value={operatorId} onInput={(e) => setOperatorId((e.target as HTMLInputElement).value)} />
      </label>
      <label>
        {t('password')}
        <input name="password" type="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />
      </label>
      {error && <p class="error" role="alert" data-testid="error">{t('loginFailed', { message: error instanceof ApiError ? refusalText(error) : String(error) })}</p>}
      <button type="submit" class="primary" disabled={busy} data-testid="login-submit">
        {t('login')}
      </button>
      <p>{langButton}</p>
    </form>
  );
}

const pw = {
  zh: { title: '请设置您自己的密码', current: '当前密码', next: '新密码（至少 10 个字符）', save: '保存' },
  en: { title: 'Set a password of your own', current: 'Current password', next: 'New password (at least 10 characters)', save: 'Save' },
};

function ChangePassword({ onDone }: { onDone: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const s = lang() === 'en' ? pw.en : pw.zh;
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await changePassword(current, next);
      onDone();
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <form class="login" onSubmit={submit} data-testid="change-password">
      <h1>{s.title}</h1>
      <label>
        {s.current}
        <input type="password" autoComplete="current-password" required value={current} onInput={(e) => setCurrent((e.target as HTMLInputElement).value)} />
      </label>
      <label>
        {s.next}
        <input type="password" autoComplete="new-password" required value={next} onInput={(e) => setNext((e.target as HTMLInputElement).value)} />
      </label>
      {error && <ErrorLine error={error} />}
      <button type="submit" class="primary">
        {s.save}
      </button>
    </form>
  );
}
