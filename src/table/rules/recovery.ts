import { Token } from 'aws-cdk-lib';
import { invalid, show } from '../../shared/errors';

/** DynamoDB keeps 1 to 35 days of point-in-time recovery; a token is left to the deploy. */
export function validateRecoveryPeriod(path: string, property: string, days: number): void {
  if (Token.isUnresolved(days)) return;
  if (!Number.isInteger(days) || days < 1 || days > 35) {
    invalid(path, property, `is ${show(days)}`, 'use a whole number of days from 1 to 35 (35 is the production default).');
  }
}
