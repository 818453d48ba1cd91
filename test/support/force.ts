import type { TAssociation, TPerson, TRank } from '@ppda/domain';

/**
 * A directory shaped like a real force (several hundred people), not the demo's: every line
 * chain runs from PC up through the ACCs and the DCC to the chief constable; PSD sits under an
 * ACC and is collaborated with the neighbouring force `yy` (some of its people are employed
 * there); the DA unit carries the criminal OICs; the PCC's office and the IOPC oversee; ops run
 * the platform. Deterministic: the same ids every run.
 */
export interface TForce {
  people: TPerson[];
  associations: TAssociation[];
  /** The subjects the real-force tests report cases against, by what makes them hard. */
  subjects: {
    pc: string;
    psdSergeant: string;
    superintendent: string;
    acc: string;
    dcc: string;
    chiefConstable: string;
  };
  /** Who holds the acting roles. */
  holders: {
    chiefConstable: string;
    dcc: string;
    headOfPsd: string;
    pcc: string;
    vettingManager: string;
  };
  /** PSD investigators free of every subject above (owners and appointees). */
  owner: string;
  investigator: string;
  /** An investigator employed by the neighbouring force (for chief officer subjects). */
  externalInvestigator: string;
  ops: string;
  oversight: string[];
}

export function buildForce(): TForce {
  const people: TPerson[] = [];
  const add = (
    id: string,
    rank: TRank,
    lineManagerId: string | undefined,
    extra: Partial<TPerson> = {},
  ) => {
    people.push({
      id,
      displayName: `${rank} ${id}`,
      email: `${id}@xx.police.test`,
      rank,
      force: 'xx',
      roles: [],
      ...(lineManagerId ? { lineManagerId } : {}),
      ...extra,
    });
    return id;
  };

  // Chief officer group.
  const cc = add('cc', 'CC', undefined, {
    roles: ['chief-constable'],
    department: 'chief-officer-group',
  });
  const dcc = add('dcc', 'DCC', cc, {
    roles: ['appropriate-authority'],
    department: 'chief-officer-group',
  });
  const accOps = add('acc-ops', 'ACC', dcc, { department: 'chief-officer-group' });
  const accCrime = add('acc-crime', 'ACC', dcc, { department: 'chief-officer-group' });
  const accStandards = add('acc-standards', 'ACC', dcc, { department: 'chief-officer-group' });
  add('director-resources', 'staff-chief-officer', dcc, { department: 'chief-officer-group' });
  // A superintendent who reports to the DCC directly (staff officer): the DCC is conflicted.
  add('supt-staff-officer', 'Supt', dcc, { department: 'chief-officer-group' });

  // Territorial policing: two commands, each down to response teams of PCs.
  for (const area of ['north', 'south']) {
    const chsupt = add(`chsupt-${area}`, 'ChSupt', accOps, { department: 'response' });
    for (const district of [1, 2]) {
      const supt = add(`supt-${area}-${district}`, 'Supt', chsupt, { department: 'response' });
      for (const sector of [1, 2]) {
        const chinsp = add(`chinsp-${area}-${district}-${sector}`, 'ChInsp', supt, {
          department: 'response',
        });
        for (const shift of [1, 2]) {
          const team = `response-${area}-${district}-${sector}-${shift}`;
          const insp = add(`insp-${team}`, 'Insp', chinsp, { department: 'response', team });
          for (const section of [1, 2, 3]) {
            const ps = add(`ps-${team}-${section}`, 'PS', insp, { department: 'response', team });
            for (let n = 1; n <= 5; n++) {
              add(`pc-${team}-${section}-${n}`, 'PC', ps, { department: 'response', team });
            }
          }
        }
      }
    }
  }

  // Crime: public protection and the domestic abuse unit (criminal OICs), the victims' SPOC.
  const chsuptCrime = add('chsupt-crime', 'DChSupt', accCrime, { department: 'crime' });
  const suptPp = add('supt-public-protection', 'DSupt', chsuptCrime, {
    department: 'public-protection',
  });
  add('spoc', 'DCI', suptPp, { roles: ['victim-spoc'], department: 'public-protection' });
  const dciDa = add('dci-da', 'DCI', suptPp, { department: 'domestic-abuse' });
  for (const unit of [1, 2]) {
    const di = add(`di-da-${unit}`, 'DI', dciDa, { department: 'domestic-abuse' });
    for (let s = 1; s <= 2; s++) {
      const ds = add(`ds-da-${unit}-${s}`, 'DS', di, {
        roles: ['criminal-oic'],
        department: 'domestic-abuse',
      });
      for (let n = 1; n <= 4; n++) {
        add(`dc-da-${unit}-${s}-${n}`, 'DC', ds, {
          roles: ['criminal-oic'],
          department: 'domestic-abuse',
        });
      }
    }
  }

  // Professional standards, collaborated with the neighbouring force yy.
  const head = add('head-psd', 'ChSupt', accStandards, {
    roles: ['head-of-psd'],
    department: 'psd',
  });
  for (const unit of [1, 2]) {
    const dci = add(`dci-psd-${unit}`, 'DCI', head, {
      roles: ['psd-supervisor'],
      department: 'psd',
      team: `psd-${unit}`,
    });
    for (let s = 1; s <= 2; s++) {
      const ds = add(`ds-psd-${unit}-${s}`, 'DS', dci, {
        roles: ['investigator'],
        department: 'psd',
        team: `psd-${unit}-${s}`,
      });
      for (let n = 1; n <= 2; n++) {
        add(`dc-psd-${unit}-${s}-${n}`, 'DC', ds, {
          roles: ['investigator'],
          department: 'psd',
          team: `psd-${unit}-${s}`,
        });
      }
    }
    // Collaborated PSD: investigators employed by yy, managed within the joint unit.
    add(`yy-inv-${unit}`, 'DS', dci, {
      roles: ['investigator'],
      force: 'yy',
      department: 'psd',
      team: `psd-${unit}-collab`,
    });
  }
  // The force vetting unit: its manager holds the vetting authority's functions (Police
  // (Vetting) Regulations 2025) for every case but the chief constable's.
  const vettingManager = add('vetting-manager', 'staff-manager', accStandards, {
    roles: ['vetting-authority'],
    department: 'vetting',
    team: 'vetting-unit',
  });
  add('vetting-officer', 'staff', vettingManager, { department: 'vetting', team: 'vetting-unit' });
  add('psd-staff-investigator', 'staff', 'dci-psd-2', {
    roles: ['investigator'],
    department: 'psd',
    team: 'psd-2-staff',
  });

  // The neighbouring force's own PSD (external investigations), outside our chains.
  const yyHead = add('yy-head-psd', 'ChSupt', undefined, { force: 'yy', department: 'psd' });
  add('yy-di-psd', 'DI', yyHead, { roles: ['investigator'], force: 'yy', department: 'psd' });

  // Digital services (ops), and oversight outside the line chains.
  const digital = add('head-digital', 'staff-senior', 'director-resources', {
    department: 'digital',
  });
  const opsLead = add('ops-lead', 'staff-manager', digital, { department: 'digital' });
  add('ops-1', 'staff', opsLead, { roles: ['ops'], department: 'digital' });
  add('ops-2', 'staff', opsLead, { roles: ['ops'], department: 'digital' });
  add('pcc', 'staff-chief-officer', undefined, {
    roles: ['pcc'],
    department: 'opcc',
    email: 'pcc@opcc.test',
  });
  add('opcc-analyst', 'staff-manager', 'pcc', { roles: ['oversight'], department: 'opcc' });
  add('auditor', 'staff-manager', undefined, { roles: ['auditor'], department: 'audit' });
  add('iopc-liaison', 'staff-manager', undefined, {
    roles: ['iopc'],
    force: 'iopc',
    department: 'iopc',
  });

  const associations: TAssociation[] = [
    // The PC's partner works in the DA unit: declared, so barred from the PC's case.
    {
      personId: 'pc-response-north-1-1-1-1-1',
      associateId: 'dc-da-1-1-1',
      reason: 'Partner of the subject (declared 2024).',
    },
    // A superintendent declared the PSD constable who tutored them.
    { personId: 'supt-south-2', associateId: 'dc-psd-2-2-2', reason: 'Former tutor constable.' },
  ];

  return {
    people,
    associations,
    subjects: {
      pc: 'pc-response-north-1-1-1-1-1',
      psdSergeant: 'ds-psd-1-1',
      superintendent: 'supt-staff-officer',
      acc: 'acc-crime',
      dcc,
      chiefConstable: cc,
    },
    holders: { chiefConstable: cc, dcc, headOfPsd: head, pcc: 'pcc', vettingManager },
    owner: 'ds-psd-2-2',
    investigator: 'dc-psd-2-1-1',
    externalInvestigator: 'yy-di-psd',
    ops: 'ops-1',
    oversight: ['pcc', 'opcc-analyst', 'auditor', 'iopc-liaison'],
  };
}
