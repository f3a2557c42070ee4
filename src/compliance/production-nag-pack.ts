import { CfnResource, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { NagPack, NagPackProps } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { RULES } from './rule-definitions';
import { PACK_NAME } from './rule-ids';
import { withStacksReadOnce } from './template';

/**
 * The cdk-nag pack that does the checking for `DynamoDbProductionChecks`. It lives apart, and is
 * required only when a `DynamoDbProductionChecks` is constructed, because loading cdk-nag is most
 * of what `require('cdk-dynamodb-kit')` would otherwise cost (issue #13). Not exported.
 */
export class DynamoDbProductionNagPack extends NagPack {
  public readonly name = PACK_NAME;

  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = PACK_NAME;
  }

  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    return withStacksReadOnce(() => super.validateScope(scope));
  }

  protected checkResource(node: CfnResource): void {
    for (const rule of RULES) {
      this.applyRule({ ...rule, node });
    }
  }
}
