/** The rules admin page's strings in English: the shape every other locale must match (admin-i18n.ts). */
const en = {
  title: 'Escalation rules', agent: 'AI agent', on: 'on', off: 'off', add: 'Add rule', name: 'Rule name', field: 'Field', operator: 'Operator', value: 'Value', reason: 'Reason', handoff: 'Hand off', suggest: 'Suggest only',
  tryIt: 'Test a message', tryPlaceholder: 'e.g. I want to talk to a person', tryButton: 'Test', noMatch: 'No rule matched: the AI keeps the conversation.', matched: 'Matched',
  noAgents: 'No AI agent is connected to this account yet.', adminRequired: 'Only a Zendesk admin can change the rules. Sign in with your Zendesk admin account to continue.', ruleGone: 'This rule was changed or deleted elsewhere. The list now shows the rules as they are.', signInAsAdmin: 'Sign in with Zendesk as an admin',
  newRule: 'New rule', editRule: 'Edit rule: {name}', edit: 'Edit', delete: 'Delete', cancel: 'Cancel', save: 'Save rule', active: 'Active', moveUp: 'Move up', moveDown: 'Move down', dragHandle: 'Drag to reorder {name}',
  confirmDelete: 'Delete the rule “{name}”? This cannot be undone.', confirmDeleteYes: 'Yes, delete', saved: 'Rule saved.', deletedOne: 'Rule deleted.', moved: '{name} is now rule {n} of {total}.',
  allTitle: 'Meet ALL of the following conditions', anyTitle: 'Meet ANY of the following conditions', addCondition: 'Add condition', removeCondition: 'Remove condition {n}', conditionN: 'Condition {n}',
  attribute: 'Attribute name', yes: 'Yes', no: 'No', actions: 'Actions', actionType: 'What happens', group: 'Zendesk group ID', priority: 'Priority', priorityDefault: 'Unchanged',
  priorities: { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' }, tags: 'Tags (separated by spaces)', messages: 'Handoff message for the customer', messageIn: 'Message in {language}', noConditions: 'No conditions',
  problems: { nameRequired: 'Give the rule a name.', needValue: 'Enter a value.', notNumber: 'Enter a number.', badPattern: 'This pattern is not valid: {detail}', needCondition: 'Add at least one condition.', badTag: 'Tags may use lower-case letters, digits and _ : - only.', badGroup: 'A group ID is a positive whole number.', operatorMismatch: 'This operator does not work with this field.', attributeRequired: 'Name the attribute.', other: 'Check this value: {detail}' },
  result: { met: 'met', notMet: 'not met', skipped: 'not checked (an earlier condition was not met)', actual: 'the message has: {actual}', nothing: 'nothing', disabled: 'off: skipped', error: 'could not be checked: {detail}' },
  decisionHandoff: 'Hands off with “{rule}” ({reason}).', decisionSuggest: 'Suggests a handoff with “{rule}” ({reason}).', handoffOff: 'Handoff is switched off for this AI agent.',
  fields: {
    text: 'Customer message', language: 'Language', confidence: 'AI confidence (0–1)', sentiment: 'Customer sentiment (−1 to 1)', intent: 'Topic (intent)', consecutive_fallbacks: 'AI fallbacks in a row', turn_count: 'Number of turns', waiting_seconds: 'Waiting time (seconds)', business_hours: 'Within business hours', trigger: 'Custom trigger',
    'detected.human_request': 'Asks for a human', 'detected.repeated_fallback': 'The AI keeps failing', 'detected.low_confidence': 'Low AI confidence', 'detected.negative_sentiment': 'Upset customer',
    'customer.': 'Customer attribute', 'metadata.': 'Conversation metadata', 'trigger.payload.': 'Trigger payload value',
  },
  operators: { is: 'Is', is_not: 'Is not', contains: 'Contains', not_contains: 'Does not contain', matches: 'Matches the pattern', less_than: 'Less than', greater_than: 'Greater than', includes: 'Is one of', present: 'Is present', not_present: 'Is not present' },
};
export default en;
export type AdminStrings = typeof en;
