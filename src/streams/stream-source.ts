import { Lazy, Stack, Token } from 'aws-cdk-lib';
import { CfnGlobalTable, CfnTable, ITable, StreamViewType } from 'aws-cdk-lib/aws-dynamodb';
import { invalid, show } from '../shared/errors';

/** The stream a consumer reads, and what is known of its view type. */
export interface ResolvedStream {
  readonly streamArn: string;
  /** Undefined when it cannot be known at synthesis (an imported table that did not declare it). */
  readonly viewType?: StreamViewType;
  /** True when the consumer enabled the stream on the table. */
  readonly enabledByConsumer: boolean;
}

/**
 * Finds the table's stream, enabling it on a table of this app that has none. A `TableV2` does
 * not let a stream be added after construction, so the L1 resource is changed directly.
 */
export function resolveStream(path: string, table: ITable, requested: StreamViewType | undefined): ResolvedStream {
  const cfn = table.node.defaultChild;
  if (cfn instanceof CfnGlobalTable || cfn instanceof CfnTable) {
    // TableV2 renders its stream setting lazily (replicas added later switch it on); resolve it now.
    const original = cfn.streamSpecification;
    const spec = Stack.of(cfn).resolve(original) as { StreamViewType?: string; streamViewType?: string } | undefined;
    const existing = (spec?.StreamViewType ?? spec?.streamViewType) as StreamViewType | undefined;
    if (existing === undefined) {
      const viewType = requested ?? StreamViewType.NEW_AND_OLD_IMAGES;
      // The table's own setting wins if it appears later (a replica added after the consumer
      // brings NEW_AND_OLD_IMAGES, which carries every image a filter can need).
      cfn.streamSpecification = Lazy.any({
        produce: () => Stack.of(cfn).resolve(original) ?? { streamViewType: viewType },
      }) as any;
      return { streamArn: cfn.attrStreamArn, viewType, enabledByConsumer: true };
    }
    if (requested !== undefined && !Token.isUnresolved(existing) && existing !== requested) {
      invalid(path, 'streamViewType', `is ${show(requested)} but the table's stream is ${show(existing)} already`,
        'leave streamViewType unset, or change the table\'s own stream setting (every consumer shares one stream).');
    }
    return { streamArn: cfn.attrStreamArn, viewType: Token.isUnresolved(existing) ? undefined : existing, enabledByConsumer: false };
  }
  if (!table.tableStreamArn) {
    invalid(path, 'table', `is the imported table ${show(table.node.path)} with no stream ARN`,
      'enable its stream and import it with TableV2.fromTableAttributes({ tableArn, tableStreamArn }).');
  }
  return { streamArn: table.tableStreamArn, viewType: requested, enabledByConsumer: false };
}

const WITH_NEW_IMAGE: string[] = [StreamViewType.NEW_IMAGE, StreamViewType.NEW_AND_OLD_IMAGES];
const WITH_OLD_IMAGE: string[] = [StreamViewType.OLD_IMAGE, StreamViewType.NEW_AND_OLD_IMAGES];

/** Fails when a filter needs an image the stream does not carry. */
export function checkImagesAvailable(path: string, viewType: StreamViewType | undefined, needsNew: boolean, needsOld: boolean): void {
  if (viewType === undefined || Token.isUnresolved(viewType)) return;
  for (const [needed, image, allowed] of [[needsNew, 'new', WITH_NEW_IMAGE], [needsOld, 'old', WITH_OLD_IMAGE]] as const) {
    if (needed && !allowed.includes(viewType)) {
      invalid(path, 'filters', `test the ${image} image but the table's stream view type ${show(viewType)} does not carry it`,
        `use StreamViewType.${allowed.join(' or StreamViewType.')} for the table's stream, or filter on keys and event names only.`);
    }
  }
}
