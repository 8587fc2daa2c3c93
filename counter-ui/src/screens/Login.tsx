/** Log in with login and password. The center's name and language come from the public catalogue. */
import { centerNameIn, type AppErrorBody } from '@qms/shared';
import { api } from '@qms/shared/client';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NoticeBanner } from '../components/Banners';
import { errorText } from '../components/errorText';
import { LangSwitch } from '../components/LangSwitch';
import { applyCenterDefault } from '../i18n';
import { navigate } from '../navigation';
import { useStore } from '../store';

export function Login() {
  const { t, i18n } = useTranslation();
  const login = useStore((s) => s.login);
  const [center, setCenter] = useState<{ name: string; names?: Partial<Record<string, string>>; defaultLanguage: string } | null>(null);
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    void api<{ center: { name: string; names?: Partial<Record<string, string>>; defaultLanguage: string } }>('/api/services').then((res) => {
      if (!res.ok) return;
      setCenter(res.data.center);
      applyCenterDefault(res.data.center.defaultLanguage);
    });
  }, []);

  const submit = async () => {
    if (!user.trim() || !password) return;
    setPending(true);
    const err = await login(user.trim(), password);
    setPending(false);
    setError(err);
    if (err) return;
    // Supervisors and admins start on the hall overview; operators pick their counter.
    const s = useStore.getState();
    if (s.staff && s.staff.role !== 'operator' && s.route.view === 'counter') navigate({ view: 'supervisor' });
  };

  return (
    <main className="login">
      <form
        className="login-card"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        aria-labelledby="login-title"
      >
        <div className="login-brand">
          <span className="brand-mark">QMS</span>
          <LangSwitch />
        </div>
        <h1 id="login-title">{t('login.title')}</h1>
        <p className="muted">{(center && centerNameIn(center, i18n.language)) || t('login.subtitle')}</p>
        <NoticeBanner />
        <label className="field">
          <span>{t('login.login')}</span>
          <input className="input" name="username" autoComplete="username" value={user} onChange={(e) => setUser(e.target.value)} required data-testid="login-user" />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input className="input" type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required data-testid="login-password" />
        </label>
        {error && (
          <p className="form-error" role="alert" data-testid="login-error">
            {error.code === 'UNAUTHORIZED' ? t('login.failed') : errorText(t, i18n.language, error)}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-wide" disabled={pending || !user.trim() || !password} data-testid="login-submit">
          {t('login.submit')}
        </button>
      </form>
    </main>
  );
}
