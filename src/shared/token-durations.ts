import { Duration } from 'aws-cdk-lib';
import { invalid } from './errors';

/** The units aws-cdk-lib converts a Duration into when it renders a CloudFormation property. */
export type RenderedUnit = 'milliseconds' | 'seconds' | 'minutes' | 'hours' | 'days';

const FACTORY: { [unit in RenderedUnit]: string } = {
  milliseconds: 'millis', seconds: 'seconds', minutes: 'minutes', hours: 'hours', days: 'days',
};

/**
 * A token Duration (`Duration.hours(param.valueAsNumber)`) is not range-checked: the deploy checks
 * it. But aws-cdk-lib converts it only into its own unit (CloudFormation cannot multiply), and fails
 * without a path otherwise: our error instead, naming the unit the property is rendered in.
 */
export function requireConvertibleToken(path: string, property: string, value: Duration, unit: RenderedUnit): void {
  try {
    switch (unit) {
      case 'milliseconds': value.toMilliseconds(); break;
      case 'seconds': value.toSeconds(); break;
      case 'minutes': value.toMinutes(); break;
      case 'hours': value.toHours(); break;
      default: value.toDays();
    }
  } catch {
    invalid(path, property, `is a token in another unit than ${unit}, which CloudFormation cannot convert`,
      `make it from the parameter in ${unit}: Duration.${FACTORY[unit]}(param.valueAsNumber).`);
  }
}
