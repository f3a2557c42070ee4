import { Token } from 'aws-cdk-lib';

/*
 * Descriptions we write name the user's constructs (paths), tables and prefixes, which may hold any
 * character and be hundreds long; the services accept less. Out-of-range characters become "?" ("_"),
 * and a description is shortened to the service's limit, unless it holds a token (resolved at deploy,
 * its length unknown here, and cutting one would break it).
 */

/** IAM roles and policies: tab, line breaks, printable ASCII and Latin-1, at most 1000 characters. */
const IAM_CHARACTERS = /[^\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]/gu;
/** EC2 security groups: `a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*`, at most 255 characters. */
const SECURITY_GROUP_CHARACTERS = /[^a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]/gu;

function fitted(text: string, disallowed: RegExp | undefined, maxLength: number, replacement = '?'): string {
  const allowed = disallowed ? text.replace(disallowed, replacement) : text;
  if (Token.isUnresolved(allowed) || allowed.length <= maxLength) return allowed;
  // Cut between characters, never inside a surrogate pair (an emoji).
  return `${allowed.slice(0, maxLength - 3).replace(/[\uD800-\uDBFF]$/u, '')}...`;
}

/** A description IAM accepts for a role or a managed policy. */
export function iamDescription(text: string): string {
  return fitted(text, IAM_CHARACTERS, 1000);
}

/** A description EC2 accepts for a security group. */
export function securityGroupDescription(text: string): string {
  return fitted(text, SECURITY_GROUP_CHARACTERS, 255, '_'); // "?" is not among them
}

/** A description CloudWatch accepts for an alarm (any characters, at most 1024). */
export function alarmDescription(text: string): string {
  return fitted(text, undefined, 1024);
}
