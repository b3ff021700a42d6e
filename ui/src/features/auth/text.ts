import { PASSWORD_RULES } from '../../../../contracts/vocabulary';
import { useI18n } from '../../lib/i18n';

const TEXT = {
  changePassword: ['修改密码', 'Change password'],
  mustChange: ['您的密码已被管理员重置。请输入收到的一次性密码，并设置新密码后继续。', 'Your password was reset by an administrator. Enter the one-time password you were given and choose a new one to go on.'],
  currentPassword: ['当前密码', 'Current password'],
  newPassword: ['新密码', 'New password'],
  confirmPassword: ['再次输入新密码', 'New password again'],
  rules: ['密码规则', 'Password rules'],
  ruleLength: [`${PASSWORD_RULES.minLength}–${PASSWORD_RULES.maxLength} 个字符`, `${PASSWORD_RULES.minLength} to ${PASSWORD_RULES.maxLength} characters`],
  ruleNotUsername: ['不能与用户名相同', 'Not your username'],
  ruleHint: ['可使用一句容易记住的短语', 'A phrase you remember well works'],
  mismatch: ['两次输入的新密码不一致', 'The two new passwords differ'],
  save: ['保存新密码', 'Save the new password'],
  changed: ['密码已修改', 'Your password was changed'],
  back: ['返回', 'Back'],
  signInAgain: ['重新登录', 'Sign in again'],
  forgot: ['忘记密码？', 'Forgot your password?'],
  forgotIntro: ['输入用户名，我们会请管理员核实身份后为您重置密码。', 'Enter your username: the administrators are asked to reset your password once they know it is you.'],
  forgotSubmit: ['请管理员重置', 'Ask the administrators'],
  forgotSent: ['已通知管理员。他们核实您的身份后会把一次性密码交给您。', 'The administrators were asked. Once they know it is you, they will give you a one-time password.'],
  invitation: ['开通业主门户', 'Open your owner portal'],
  invitationFor: ['{name}，请设置您登录业主门户的用户名和密码。链接有效期至 {until}，只能使用一次。', '{name}, choose the username and password you will sign in to the owner portal with. The link works once, until {until}.'],
  username: ['用户名', 'Username'],
  usernameHint: ['小写字母开头，3 至 32 个字符', 'A lower-case letter first, 3 to 32 characters'],
  createAccount: ['开通', 'Open the portal'],
  accountMade: ['已开通，请用新的用户名和密码登录。', 'Done: sign in with your new username and password.'],
  signIn: ['登录', 'Sign in'],
} as const;

export type AuthTextKey = keyof typeof TEXT;

/** The sign-in and password pages' own words in zh-CN and English. */
export function useAuthText() {
  const { language } = useI18n();
  return (key: AuthTextKey, vars?: Record<string, string>) => TEXT[key][language === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (whole, name: string) => vars?.[name] ?? whole);
}
