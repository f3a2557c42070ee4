import { Lazy, Stack, Token } from 'aws-cdk-lib';
import { CfnGlobalTable, CfnTable, ITable, StreamViewType } from 'aws-cdk-lib/aws-dynamodb';

/** The stream a consumer reads, and what is known of its view type. */
export interface ResolvedStream {
  readonly streamArn: string;
  /** Undefined when it cannot be known at synthesis (an imported table that did not declare it). */
  readonly viewType?: StreamViewType;
  /** True when the consumer enabled the stream on the table. */
  readonly enabledByConsumer: boolean;
}

/** What a table says of its stream, read without changing anything. */
export interface TableStream {
  /** The table's L1 resource, for a table of this app; undefined for an imported table. */
  readonly cfn?: CfnGlobalTable | CfnTable;
  /** The view type the table's own setting declares (possibly a token); undefined without a stream. */
  readonly declaredViewType?: StreamViewType;
}

/** Reads the table's stream setting. */
export function tableStream(table: ITable): TableStream {
  const cfn = table.node.defaultChild;
  if (!(cfn instanceof CfnGlobalTable || cfn instanceof CfnTable)) return {};
  // TableV2 renders its stream setting lazily (replicas added later switch it on); resolve it now.
  const spec = Stack.of(cfn).resolve(cfn.streamSpecification) as { StreamViewType?: string; streamViewType?: string } | undefined;
  return { cfn, declaredViewType: (spec?.StreamViewType ?? spec?.streamViewType) as StreamViewType | undefined };
}

/**
 * The view type the consumer will read, if known at synthesis: the table's own, the requested one
 * when the consumer enables the stream (NEW_AND_OLD_IMAGES by default), or, for an imported
 * table, the requested one.
 */
export function consumedViewType(stream: TableStream, requested: StreamViewType | undefined): StreamViewType | undefined {
  if (!stream.cfn) return requested;
  if (stream.declaredViewType === undefined) return requested ?? StreamViewType.NEW_AND_OLD_IMAGES;
  return Token.isUnresolved(stream.declaredViewType) ? undefined : stream.declaredViewType;
}

/**
 * Finds the table's stream, enabling it on a table of this app that has none. A `TableV2` does
 * not let a stream be added after construction, so the L1 resource is changed directly. The
 * props were validated before (`validateStreamConsumerProps`).
 */
export function resolveStream(table: ITable, requested: StreamViewType | undefined): ResolvedStream {
  const stream = tableStream(table);
  const viewType = consumedViewType(stream, requested);
  const cfn = stream.cfn;
  if (!cfn) return { streamArn: table.tableStreamArn!, viewType, enabledByConsumer: false };
  if (stream.declaredViewType !== undefined) return { streamArn: cfn.attrStreamArn, viewType, enabledByConsumer: false };
  // The table's own setting wins if it appears later (a replica added after the consumer
  // brings NEW_AND_OLD_IMAGES, which carries every image a filter can need).
  const original = cfn.streamSpecification;
  cfn.streamSpecification = Lazy.any({
    produce: () => Stack.of(cfn).resolve(original) ?? { streamViewType: viewType },
  }) as any;
  return { streamArn: cfn.attrStreamArn, viewType, enabledByConsumer: true };
}
