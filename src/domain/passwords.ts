// Password rules (in line with NIST SP 800-63B): long rather than complex, not a known common password.

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

const COMMON = new Set([
  "password1234", "password12345", "password123456", "123456789012", "qwertyuiopå", "qwertyuiop12",
  "lösenord1234", "losenord1234", "passord12345", "sommar2024!!", "sommar2025!!", "sommar2026!!",
  "vinter2025!!", "vinter2026!!", "spelplan1234", "spelplan2026", "välkommen123", "valkommen123",
  "abc123abc123", "111111111111", "000000000000", "aaaaaaaaaaaa", "iloveyou1234",
]);

export type PasswordProblem = "too_short" | "too_long" | "common" | "same_as_email";

export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return "too_short";
  if (length > PASSWORD_MAX_LENGTH) return "too_long";
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/.test(password)) return "common";
  if (email && lower === email.toLowerCase()) return "same_as_email";
  return null;
}
