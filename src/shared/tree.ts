import { IConstruct } from 'constructs';

/** Whether the construct is still in the tree: one removed with `node.tryRemoveChild` is not deployed. */
export function isInTree(construct: IConstruct): boolean {
  for (let child = construct, parent = construct.node.scope; parent; child = parent, parent = parent.node.scope) {
    if (parent.node.tryFindChild(child.node.id) !== child) return false;
  }
  return true;
}
