/** The console's entry: the document language and the app mounted on #app (styles: style.css, its own entry). */
import { render } from 'preact';
import { App } from './app.js';
import { lang } from './i18n.js';

document.documentElement.lang = lang();
render(<App />, document.getElementById('app')!);
