// Text a seller types into a form (and the e-mail addresses of every protocol): the checks, without any wording.

const EMAIL_USER = /^[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*$/i;
const EMAIL_DOMAIN = /^((?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\.)+)(?:[A-Z0-9-]{2,63}(?<!-))$/i;

/** `value` trimmed, or null when that is blank or longer than `maxLength`. */
export function presentText(value: string, maxLength: number): string | null {
  const text = value.trim();
  return text === '' || text.length > maxLength ? null : text;
}

/** Django's EmailValidator: a dot-atom local part and a dotted host name. */
export function isEmailAddress(text: string): boolean {
  const at = text.lastIndexOf('@');
  return at > 0 && EMAIL_USER.test(text.slice(0, at)) && EMAIL_DOMAIN.test(text.slice(at + 1));
}
