// The council's own catalogue, built from Appendix 1 of "Social Value and Procurement"
// (Coventry City Council, 9 November 2022): every indicator is one measure under its theme and
// outcome(s). Proxy values come from open government data and say how they were worked out;
// an indicator that cannot honestly be priced is record only. Social Value Portal's licensed
// National TOMs values are deliberately not used: a council holding that licence imports them.
import type { Catalogue, Measure } from "./catalogue.js";

export const DEFAULT_CATALOGUE_VERSION = "2026.1";

// Unit values, each from a published figure that anyone can check.
/** ONS ASHE 2024: median gross annual earnings of full-time employees, UK. */
const ASHE_ANNUAL_FT = 37_430;
/** Living Wage Foundation real Living Wage 2025-26, UK rate outside London (22 October 2025). */
const RLW_HOUR = 13.45;
const WORKING_WEEK_HOURS = 37.5;
/** DESNZ Valuation of greenhouse gas emissions (2023), central series, 2024, 2022 prices. */
const CARBON_PER_TONNE = 268.97;
/** DESNZ greenhouse gas conversion factors: average car, unknown fuel, about 0.27 kg CO2e a mile. */
const CAR_KG_CO2E_PER_MILE = 0.27;
/** HMRC Landfill Tax standard rate from 1 April 2026 (Budget 2025). */
const LANDFILL_TAX_PER_TONNE = 130.75;

const pence = (x: number): number => Math.round(x * 100) / 100;

const SOURCE = {
  asheYear:
    "ONS Annual Survey of Hours and Earnings 2024: median gross annual earnings for full-time employees, UK (£37,430) per FTE year",
  rlwWeek: `Real Living Wage 2025-26 (Living Wage Foundation, UK rate £${RLW_HOUR}/hour) x ${WORKING_WEEK_HOURS} hours`,
  rlwHour: `Real Living Wage 2025-26 (Living Wage Foundation, UK rate £${RLW_HOUR}/hour): a conservative value of an hour of staff time`,
  carbon:
    "DESNZ Valuation of greenhouse gas emissions for policy appraisal (HM Treasury Green Book supplementary guidance), central carbon value for 2024 in 2022 prices (£268.97/tCO2e)",
  carMiles: `DESNZ greenhouse gas conversion factors (average car, unknown fuel, about ${CAR_KG_CO2E_PER_MILE} kg CO2e per mile) x DESNZ central carbon value (£268.97/tCO2e)`,
  landfill: "HMRC Landfill Tax standard rate from 1 April 2026 (£130.75 per tonne), the cost society puts on a tonne sent to landfill",
  faceValue: "Face value: £1 given is £1 of value to the community or VCSE receiving it",
} as const;

const ECONOMIC_OUTCOMES = {
  jobs: "Create jobs, upskill local people, increase the number of local people in employment",
  young:
    "Improved employability of young people - Supporting young people into apprenticeships",
  connect:
    "Support and empower local people to connect with jobs - maximising knowledge, training opportunities, skills and access to employment opportunities via economic growth",
  circular:
    "Minimising the impacts of business on our current and future environment, using resources efficiently and promoting re-use and repair to support a sustainable circular economy with opportunities to work with SMEs, VCSEs – delivering sustainable and inclusive economic growth for the City to prosper",
  invest:
    "Enhance Coventry's profile as a city that is open for business by supporting the growth of an innovative green economy - secure inward investment from key sectors",
};
const SOCIAL_OUTCOMES = {
  equality:
    "Consider equality and diversity in the provision and operation of services, including a workforce that is representative of the communities we serve, where relevant and proportionate",
  opportunity:
    "Provide opportunities e.g. employment opportunities for all, including the most vulnerable, to make a valuable contribution",
  safeguarding: "Promote the safeguarding and welfare of children, young people and vulnerable adults",
  livingWage: "Progression and consideration towards paying the Real Living Wage",
  health:
    "Improving the health and wellbeing of local residents, including employees and reducing health inequalities",
  marmot:
    "Marmot Partnership Group aims to ensure opportunities arising through Social Value work are targeted appropriately and result in a reduction in health inequalities",
};
const ENVIRONMENTAL_OUTCOMES = {
  sustainability:
    "Ensuring environmental sustainability by retaining, protecting and enhancing the environment, the efficient and responsible use of resources and tackling climate change in Coventry",
  waste:
    "Efficient use of resources by minimizing waste and reducing its impacts, and procuring materials and ethical sources",
  energy: "Reduce energy, water and fuel consumption and maximise renewable and low/zero carbon technologies",
  performance: "Effective and improved environmental performance",
};

type Row = [code: string, outcomes: string[], name: string, unit: string, proxyValue: number | null, source: string];

const RECORD = {
  counted: "Record only: counted for reporting; its value is carried by a priced measure, so pricing it too would double count",
  activity: "Record only: an activity or count of organisations, not an outcome with an open unit value",
  percentage: "Record only: a percentage or rate describes the workforce or supply chain and cannot be added up as £",
  evidence: "Record only: evidence, a policy or a certification is checked, not priced",
  transfer: "Record only: money spent is a transfer, not a net gain; a council that adopts a local multiplier sets its own value",
  noValue: "Record only: no open government unit value measures this honestly",
};

const economic: Row[] = [
  ["CCC-EC01", [ECONOMIC_OUTCOMES.jobs, ECONOMIC_OUTCOMES.connect], "No. of local people upskilled", "people", null, RECORD.counted],
  ["CCC-EC02", [ECONOMIC_OUTCOMES.jobs, ECONOMIC_OUTCOMES.connect], "No. of training weeks provided to local people", "weeks", pence(RLW_HOUR * WORKING_WEEK_HOURS), SOURCE.rlwWeek],
  ["CCC-EC03", [ECONOMIC_OUTCOMES.jobs], "No. of local people in employment within services commissioned", "FTE years", ASHE_ANNUAL_FT, SOURCE.asheYear],
  ["CCC-EC04", [ECONOMIC_OUTCOMES.jobs], "No. of local people employed on site", "FTE years", ASHE_ANNUAL_FT, SOURCE.asheYear],
  ["CCC-EC05", [ECONOMIC_OUTCOMES.jobs, ECONOMIC_OUTCOMES.connect], "No. of job opportunities advertised locally", "vacancies", null, RECORD.activity],
  ["CCC-EC06", [ECONOMIC_OUTCOMES.jobs], "No. of people who are long-term unemployed or long-term economically inactive moving (back) into employment", "people", null, "Record only: their wages are valued under CCC-EC03 or CCC-EC04, so pricing them here would double count"],
  ["CCC-EC07", [ECONOMIC_OUTCOMES.young], "No. of businesses operating apprenticeship schemes/work placements", "businesses", null, RECORD.activity],
  ["CCC-EC08", [ECONOMIC_OUTCOMES.young], "No. of local people accessing apprenticeships/work placements within services commissioned", "people", null, RECORD.counted],
  ["CCC-EC09", [ECONOMIC_OUTCOMES.young, ECONOMIC_OUTCOMES.connect], "No. of weeks of apprentices on site", "weeks", pence(RLW_HOUR * WORKING_WEEK_HOURS), SOURCE.rlwWeek],
  ["CCC-EC10", [ECONOMIC_OUTCOMES.young, ECONOMIC_OUTCOMES.connect], "No. of apprentices", "people", null, "Record only: apprenticeships are valued by the week under CCC-EC09, so pricing them here would double count"],
  ["CCC-EC11", [ECONOMIC_OUTCOMES.young], "No. of hours dedicated to supporting young people (under 24s) into work (e.g. CV advice, mock interviews, careers guidance)", "hours", RLW_HOUR, SOURCE.rlwHour],
  ["CCC-EC12", [ECONOMIC_OUTCOMES.connect], "No. of training places/apprenticeships/work placements", "places", null, RECORD.counted],
  ["CCC-EC13", [ECONOMIC_OUTCOMES.connect], "No. of local people supported to gain a qualification", "people", null, RECORD.noValue],
  ["CCC-EC14", [ECONOMIC_OUTCOMES.connect], "No. of employees benefiting from Learning & Development activities", "people", null, RECORD.noValue],
  ["CCC-EC15", [ECONOMIC_OUTCOMES.connect], "Level of qualifications achieved", "qualification level (RQF)", null, RECORD.percentage],
  ["CCC-EC16", [ECONOMIC_OUTCOMES.circular], "No. of contracts with SMEs and VCSEs", "contracts", null, RECORD.activity],
  ["CCC-EC17", [ECONOMIC_OUTCOMES.circular], "Local spend breakdown", "£ spent locally", null, RECORD.transfer],
  ["CCC-EC18", [ECONOMIC_OUTCOMES.circular], "Evidence that suppliers work with SMEs and VCSEs via contracting/sub-contracting arrangements", "yes (1) / no (0)", null, RECORD.evidence],
  ["CCC-EC19", [ECONOMIC_OUTCOMES.invest], "No. of new investment/construction projects", "projects", null, RECORD.activity],
  ["CCC-EC20", [ECONOMIC_OUTCOMES.invest], "Total amount in £ spent in the local supply chain from major development sites", "£ spent locally", null, RECORD.transfer],
  ["CCC-EC21", [ECONOMIC_OUTCOMES.invest], "Number of VAT registered businesses registration rate", "rate", null, RECORD.percentage],
];

const social: Row[] = [
  ["CCC-SO01", [SOCIAL_OUTCOMES.equality], "No. of people upskilled from under-represented groups", "people", null, RECORD.noValue],
  ["CCC-SO02", [SOCIAL_OUTCOMES.equality], "No. of people from under-represented groups taken on as apprentices", "people", null, "Record only: apprenticeships are valued by the week under CCC-EC09, so pricing them here would double count"],
  ["CCC-SO03", [SOCIAL_OUTCOMES.equality], "Percentage of women (FTE) hired on contract", "%", null, RECORD.percentage],
  ["CCC-SO04", [SOCIAL_OUTCOMES.equality], "Percentage of employees (FTE) BAME hired on contract", "%", null, RECORD.percentage],
  ["CCC-SO05", [SOCIAL_OUTCOMES.opportunity], "No. of vulnerable people e.g. 'Care Leavers' in employment", "people", null, "Record only: their wages are valued under CCC-EC03 or CCC-EC04, so pricing them here would double count"],
  ["CCC-SO06", [SOCIAL_OUTCOMES.opportunity], "No. (or percentage) of opportunities advertised to/offered to care leavers", "opportunities", null, RECORD.activity],
  ["CCC-SO07", [SOCIAL_OUTCOMES.safeguarding], "Corporate/One Coventry Plan Indicator", "as the indicator defines", null, RECORD.noValue],
  ["CCC-SO08", [SOCIAL_OUTCOMES.livingWage], "No. of suppliers paying at least the relevant Real Living Wage as specified by the Living Wage Foundation", "suppliers", null, RECORD.activity],
  ["CCC-SO09", [SOCIAL_OUTCOMES.livingWage], "Percentage of staff on contract that is paid at least the relevant Real Living Wage as specified by the Living Wage Foundation", "%", null, RECORD.percentage],
  ["CCC-SO10", [SOCIAL_OUTCOMES.health], "No. of businesses with a Thrive at Work award", "businesses", null, RECORD.evidence],
  ["CCC-SO11", [SOCIAL_OUTCOMES.health], "Donations or in-kind contributions to local community projects (£ & materials) and equipment or resources donated to VCSEs (£ equivalent value)", "£ donated or £ equivalent", 1, SOURCE.faceValue],
  ["CCC-SO12", [SOCIAL_OUTCOMES.marmot], "Indicators based on individual service requirements and linked to other Outcome Indicators", "as the indicator defines", null, RECORD.noValue],
];

const environmental: Row[] = [
  ["CCC-EN01", [ENVIRONMENTAL_OUTCOMES.sustainability], "Increased biodiversity", "as the biodiversity plan defines", null, RECORD.noValue],
  ["CCC-EN02", [ENVIRONMENTAL_OUTCOMES.sustainability], "Percentage of open space with wildlife conservation designation (e.g. Local Nature Reserve, Sites of Interest for Nature Conservation)", "%", null, RECORD.percentage],
  ["CCC-EN03", [ENVIRONMENTAL_OUTCOMES.sustainability], "Amount of green space available", "hectares", null, RECORD.noValue],
  ["CCC-EN04", [ENVIRONMENTAL_OUTCOMES.sustainability], "Car miles saved on the project as a result of green transport programme or equivalent (e.g. cycle to work programme, public transport or carpooling etc.)", "miles", pence((CAR_KG_CO2E_PER_MILE / 1000) * CARBON_PER_TONNE), SOURCE.carMiles],
  ["CCC-EN05", [ENVIRONMENTAL_OUTCOMES.sustainability], "Percentage of fleet or construction vehicles on the contract that is at Least Euro 6 or LEV", "%", null, RECORD.percentage],
  ["CCC-EN06", [ENVIRONMENTAL_OUTCOMES.sustainability], "Savings in CO2 emissions on contract achieved through decarbonisation (e.g. renewable energy / improved building fabric)", "tonnes CO2e", CARBON_PER_TONNE, SOURCE.carbon],
  ["CCC-EN07", [ENVIRONMENTAL_OUTCOMES.waste], "Amount of waste sent to landfill decreased/Tonnes waste diverted against relevant benchmark (Real Estate Environmental Benchmark)", "tonnes diverted", LANDFILL_TAX_PER_TONNE, SOURCE.landfill],
  ["CCC-EN08", [ENVIRONMENTAL_OUTCOMES.waste], "Council and Supplier recycling rates increased", "percentage points", null, RECORD.percentage],
  ["CCC-EN09", [ENVIRONMENTAL_OUTCOMES.waste], "Supplier reduced packaging", "tonnes", null, "Record only: packaging saved is valued when it is diverted from landfill under CCC-EN07"],
  ["CCC-EN10", [ENVIRONMENTAL_OUTCOMES.waste], "No. of companies that evidence reduction of waste", "companies", null, RECORD.evidence],
  ["CCC-EN11", [ENVIRONMENTAL_OUTCOMES.waste], "Percentage of procurement contracts that includes commitments to ethical and Sustainable procurement", "%", null, RECORD.percentage],
  ["CCC-EN12", [ENVIRONMENTAL_OUTCOMES.waste], "Percentage of procurement contracts that promote reuse of goods and services (e.g. use of waste hierarchy)", "%", null, RECORD.percentage],
  ["CCC-EN13", [ENVIRONMENTAL_OUTCOMES.energy], "Reduced carbon footprint of business (Inc. through improved energy and resource efficiency).", "tonnes CO2e", null, "Record only: only savings on the contract count (CCC-EN06); a business-wide footprint is not contract specific"],
  ["CCC-EN14", [ENVIRONMENTAL_OUTCOMES.energy], "Reduced water consumption", "cubic metres", null, RECORD.noValue],
  ["CCC-EN15", [ENVIRONMENTAL_OUTCOMES.energy], "Increased use of renewable technologies", "installations", null, "Record only: the carbon they save is valued under CCC-EN06"],
  ["CCC-EN16", [ENVIRONMENTAL_OUTCOMES.performance], "Where appropriate Certification to Environmental Management System Standards (e.g. ISO14001, ISO50001, ISO20121) or evidence of an equivalent environmental management system", "yes (1) / no (0)", null, RECORD.evidence],
  ["CCC-EN17", [ENVIRONMENTAL_OUTCOMES.performance], "Adherence of known environmental quality assurance standards (e.g. Food for Life served here standard, Forestry Stewardship Council, Marine Stewardship Council)", "yes (1) / no (0)", null, RECORD.evidence],
  ["CCC-EN18", [ENVIRONMENTAL_OUTCOMES.performance], "Environmental Policies and action plans in place", "yes (1) / no (0)", null, RECORD.evidence],
  ["CCC-EN19", [ENVIRONMENTAL_OUTCOMES.performance], "Evidence of communication and reach to Coventry citizens to promote behaviour change across sustainability", "yes (1) / no (0)", null, RECORD.evidence],
];

const toMeasures = (theme: string, rows: Row[]): Measure[] =>
  rows.map(([code, outcomes, name, unit, proxyValue, source]) => ({ code, theme, outcomes, name, unit, proxyValue, source }));

/** The council's default catalogue (Appendix 1), version DEFAULT_CATALOGUE_VERSION. */
export const DEFAULT_CATALOGUE: Catalogue = {
  version: DEFAULT_CATALOGUE_VERSION,
  measures: [
    ...toMeasures("Economic", economic),
    ...toMeasures("Social", social),
    ...toMeasures("Environmental", environmental),
  ],
};
