/**
 * The Mimecast administrator's email and password, checked before anything is sent. The limits
 * are those of the protocols (an address is at most 254 characters) and far above any real
 * password, so an over-long value is caught here rather than as an HTTP 431 or a server error.
 */
const maxEmailLength = 254;
export const maxPasswordLength = 1024;

export function emailProblem(email: string): string | null {
  if (email.length > maxEmailLength) {
    return `The email address is longer than ${maxEmailLength} characters, the most an address can have.`;
  }
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    return 'Enter the administrator email address, e.g. admin@example.com.';
  }
  return null;
}

export function adminPasswordProblem(password: string): string | null {
  if (password === '') return 'Enter the administrator password.';
  if (password.length > maxPasswordLength) {
    return `The password is longer than ${maxPasswordLength} characters; check what was pasted.`;
  }
  return null;
}
