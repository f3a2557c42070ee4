/** Moved to `src/template/`; kept so that existing imports keep working. */
export { CfnResourceJson, CfnTemplate, TemplateInputError, TemplateSet, LoadedStack, StackEnvironment, asTemplate, loadTemplates, stacksOf } from '../template';
