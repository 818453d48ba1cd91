/**
 * Decisions several tests take word for word: a written suspension on public-interest
 * grounds after redeployment was considered, and the reasons neither suspension condition holds.
 */
export const REASONED_SUSPENSION = {
  type: 'SUSPENDED',
  oral: false,
  redeployment: {
    considered: true,
    rejectedBecause: 'Every role gives access to the victim on force systems.',
  },
  grounds: { publicInterest: 'The public would lose confidence in the force otherwise.' },
};

export const NEITHER_CONDITION_HOLDS = {
  investigationNotPrejudiced: 'The evidence is secured and the witnesses are protected.',
  publicInterestDoesNotRequire: 'Restricted duties away from the public meet the risk.',
};
