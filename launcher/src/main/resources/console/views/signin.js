import {h, field} from '../lib/dom.js';
import {t} from '../lib/i18n.js';
import * as session from '../lib/session.js';

export default {
  id: 'signin',
  render(main, ctx) {
    const token = h('input', {type: 'password', name: 'token', autocomplete: 'current-password', required: true, id: 'token'});
    const message = h('p', {class: 'error', role: 'alert'});
    const form = h('form', {class: 'signin', on: {submit: async ev => {
      ev.preventDefault();
      message.textContent = '';
      const status = await session.signIn(token.value.trim());
      token.value = '';
      if (status !== 200) {
        message.textContent = status === 401 ? t('signin.refused') : t('signin.failed', {status});
        token.focus();
        return;
      }
      window.location.hash = '#/' + (ctx.query.get('next') || 'alerts');
    }}},
      h('h1', {}, t('signin.title')),
      h('p', {}, t('signin.intro')),
      field(t('signin.token'), token, t('signin.help')),
      message,
      h('button', {type: 'submit', class: 'primary'}, t('signin.submit')));
    main.appendChild(form);
    token.focus();
  }
};
