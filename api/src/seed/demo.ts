import { stableId } from "@toms/app";
import type { ContractCategory, Principal, Role, SupplierInput } from "@toms/domain";
import { isStorageError, type Storage } from "@toms/storage";
import { DEMO_ADMIN, seedDemoDelivery } from "./demo-delivery.js";

/**
 * A realistic demo portfolio for a council: suppliers across Coventry's postcode districts and
 * beyond, of every size, and contracts for goods, services and works managed by named officers.
 * Every id is derived from the record's name, so loading it twice changes nothing.
 */

/** Stable UUID-shaped id from a label (so the seed is idempotent). */
export function demoId(label: string): string {
  return stableId(`toms-demo:${label}`);
}

export const DEMO_MANAGERS = [
  { id: "amara.okafor", name: "Amara Okafor", department: "Property Services" },
  { id: "james.whitfield", name: "James Whitfield", department: "Highways" },
  { id: "priya.sandhu", name: "Priya Sandhu", department: "Adult Social Care" },
  { id: "tom.brennan", name: "Tom Brennan", department: "Streetscene and Waste" },
  { id: "grace.adeyemi", name: "Grace Adeyemi", department: "Children's Services" },
  { id: "daniel.kowalski", name: "Daniel Kowalski", department: "ICT and Digital" },
] as const;

/** The service area of each manager's department, as the council's default list names it. */
const SERVICE_AREA_OF: Record<(typeof DEMO_MANAGERS)[number]["department"], string> = {
  "Property Services": "Property Services and Development",
  Highways: "Transportation and Highways",
  "Adult Social Care": "Adult Services",
  "Streetscene and Waste": "Streetscene and Regulatory Services",
  "Children's Services": "Children's Services",
  "ICT and Digital": "ICT and Digital",
};

type DemoSupplier = SupplierInput & { contact: string };

// [name, postcode, employees, turnover £, balance sheet £, vcse, contact]
const SUPPLIERS: [string, string, number, number, number, boolean, string][] = [
  ["Foleshill Facilities Ltd", "CV6 5NX", 38, 4_200_000, 1_900_000, false, "Hannah Price"],
  ["Spon End Print Co", "CV1 3BH", 7, 620_000, 240_000, false, "Raj Mistry"],
  ["Canley Civil Engineering Ltd", "CV4 8DY", 142, 31_000_000, 12_500_000, false, "Mark Ellis"],
  ["Earlsdon Care Partnership", "CV5 6FN", 210, 18_400_000, 6_100_000, false, "Siobhan Keane"],
  ["Hillfields Community Catering CIC", "CV1 5GS", 16, 780_000, 150_000, true, "Abdul Rahman"],
  ["Tile Hill Grounds Maintenance Ltd", "CV4 9QY", 44, 3_100_000, 1_200_000, false, "Kerry Walsh"],
  ["Stoke Aldermoor Electrical Services", "CV3 1FP", 9, 1_450_000, 380_000, false, "Gary Dunn"],
  ["Wyken Waste Solutions Ltd", "CV2 3DQ", 96, 14_700_000, 8_800_000, false, "Leanne Ford"],
  ["Binley Digital Ltd", "CV3 2TX", 27, 2_900_000, 1_100_000, false, "Chen Wei"],
  ["Radford Youth Trust", "CV6 3HZ", 12, 540_000, 310_000, true, "Natalie Osei"],
  ["Coundon Office Supplies", "CV6 1LQ", 5, 410_000, 90_000, false, "Peter Hughes"],
  ["Cheylesmore Building Contractors Ltd", "CV3 5EZ", 185, 46_000_000, 39_000_000, false, "Fiona McLeod"],
  ["Whoberley Translation Services", "CV5 8AB", 3, 160_000, 40_000, false, "Marta Nowak"],
  ["Willenhall Home Support CIC", "CV3 3GE", 64, 2_400_000, 700_000, true, "Joy Mensah"],
  ["Walsgrave Medical Supplies Ltd", "CV2 2DX", 52, 11_200_000, 4_500_000, false, "Imran Hussain"],
  ["Allesley Park Landscapes", "CV5 9GT", 21, 1_750_000, 640_000, false, "Owen Roberts"],
  ["Midlands Fleet Services Ltd", "B37 7YE", 310, 68_000_000, 52_000_000, false, "Sarah Lloyd"],
  ["Kenilworth Consulting Engineers LLP", "CV8 1DU", 58, 9_600_000, 3_800_000, false, "Rupert Hale"],
  ["Nuneaton Scaffolding Ltd", "CV11 4LY", 33, 3_900_000, 1_600_000, false, "Dean Parker"],
  ["National Facilities Group plc", "M1 4BT", 2400, 480_000_000, 260_000_000, false, "Claire Dobson"],
  ["Bell Green Cleaning Co-operative", "CV2 1FE", 47, 1_300_000, 250_000, true, "Patricia Okoro"],
  ["Longford Security Services Ltd", "CV6 6DR", 120, 6_800_000, 2_100_000, false, "Ryan Gill"],
  ["Warwick Road Legal Services LLP", "CV1 2EJ", 19, 2_600_000, 900_000, false, "Eleanor Shaw"],
  ["Arena Park Energy Ltd", "CV6 6AS", 74, 22_000_000, 15_000_000, false, "Vikram Patel"],
];

interface DemoContract {
  title: string;
  category: ContractCategory;
  supplier: number;
  value: number;
  start: string;
  years: number;
  manager: number;
}

// Forty-five contracts: titles a council recognises, values from small to above the £5m KPI threshold.
const CONTRACTS: DemoContract[] = [
  { title: "Corporate building cleaning", category: "services", supplier: 20, value: 1_850_000, start: "2024-04-01", years: 3, manager: 0 },
  { title: "Reactive repairs to council buildings", category: "works", supplier: 0, value: 3_400_000, start: "2023-10-01", years: 4, manager: 0 },
  { title: "Carriageway resurfacing programme", category: "works", supplier: 2, value: 12_600_000, start: "2024-06-01", years: 4, manager: 1 },
  { title: "Street lighting maintenance", category: "works", supplier: 6, value: 960_000, start: "2025-01-06", years: 3, manager: 1 },
  { title: "Domiciliary care (north locality)", category: "services", supplier: 3, value: 8_900_000, start: "2024-01-01", years: 5, manager: 2 },
  { title: "Domiciliary care (south locality)", category: "services", supplier: 13, value: 6_200_000, start: "2024-01-01", years: 5, manager: 2 },
  { title: "Community meals service", category: "services", supplier: 4, value: 740_000, start: "2025-04-01", years: 3, manager: 2 },
  { title: "Household waste collection vehicles maintenance", category: "services", supplier: 16, value: 5_600_000, start: "2023-07-01", years: 5, manager: 3 },
  { title: "Trade waste and recycling processing", category: "services", supplier: 7, value: 9_800_000, start: "2024-09-01", years: 6, manager: 3 },
  { title: "Parks grounds maintenance", category: "services", supplier: 5, value: 2_300_000, start: "2025-03-01", years: 4, manager: 3 },
  { title: "Youth outreach and mentoring", category: "services", supplier: 9, value: 420_000, start: "2025-09-01", years: 2, manager: 4 },
  { title: "Children's centres catering", category: "services", supplier: 4, value: 380_000, start: "2024-09-01", years: 3, manager: 4 },
  { title: "Case management system support", category: "services", supplier: 8, value: 1_150_000, start: "2024-11-01", years: 3, manager: 5 },
  { title: "Laptops and peripherals", category: "goods", supplier: 8, value: 2_750_000, start: "2025-02-01", years: 2, manager: 5 },
  { title: "Office stationery and consumables", category: "goods", supplier: 10, value: 185_000, start: "2024-04-01", years: 3, manager: 5 },
  { title: "Print and mailing services", category: "services", supplier: 1, value: 310_000, start: "2023-04-01", years: 3, manager: 5 },
  { title: "Council House refurbishment", category: "works", supplier: 11, value: 14_800_000, start: "2025-05-01", years: 3, manager: 0 },
  { title: "New primary school, Canley", category: "works", supplier: 11, value: 11_900_000, start: "2026-01-12", years: 2, manager: 4 },
  { title: "Interpreting and translation", category: "services", supplier: 12, value: 260_000, start: "2024-07-01", years: 3, manager: 2 },
  { title: "Community equipment and aids for daily living", category: "goods", supplier: 14, value: 4_300_000, start: "2023-06-01", years: 4, manager: 2 },
  { title: "Tree works and arboriculture", category: "works", supplier: 15, value: 890_000, start: "2024-10-01", years: 3, manager: 3 },
  { title: "Bridge inspections and structural assessments", category: "services", supplier: 17, value: 1_600_000, start: "2024-02-01", years: 4, manager: 1 },
  { title: "Scaffolding for housing repairs", category: "works", supplier: 18, value: 720_000, start: "2025-06-01", years: 2, manager: 0 },
  { title: "Integrated facilities management, civic estate", category: "services", supplier: 19, value: 24_500_000, start: "2023-04-01", years: 7, manager: 0 },
  { title: "Depot security and CCTV monitoring", category: "services", supplier: 21, value: 1_350_000, start: "2024-05-01", years: 3, manager: 3 },
  { title: "Employment law advice", category: "services", supplier: 22, value: 240_000, start: "2025-01-01", years: 3, manager: 5 },
  { title: "District heating network operation", category: "services", supplier: 23, value: 7_400_000, start: "2024-04-01", years: 10, manager: 0 },
  { title: "Electric vehicle charge points", category: "goods", supplier: 23, value: 3_100_000, start: "2025-08-01", years: 3, manager: 1 },
  { title: "School cleaning (lot 1)", category: "services", supplier: 20, value: 640_000, start: "2023-09-01", years: 3, manager: 4 },
  { title: "Road marking and signage", category: "works", supplier: 2, value: 1_900_000, start: "2023-04-01", years: 3, manager: 1 },
  { title: "Gully cleansing", category: "services", supplier: 7, value: 830_000, start: "2025-04-01", years: 4, manager: 1 },
  { title: "Winter gritting salt supply", category: "goods", supplier: 16, value: 1_050_000, start: "2024-10-01", years: 3, manager: 1 },
  { title: "Respite care for carers", category: "services", supplier: 3, value: 1_480_000, start: "2025-07-01", years: 3, manager: 2 },
  { title: "Supported living, learning disabilities", category: "services", supplier: 13, value: 5_900_000, start: "2026-04-01", years: 5, manager: 2 },
  { title: "Playground equipment renewal", category: "goods", supplier: 15, value: 560_000, start: "2025-03-01", years: 2, manager: 3 },
  { title: "Library self-service kiosks", category: "goods", supplier: 8, value: 290_000, start: "2024-06-01", years: 2, manager: 5 },
  { title: "Cemetery and crematorium grounds care", category: "services", supplier: 5, value: 980_000, start: "2024-04-01", years: 4, manager: 3 },
  { title: "Housing adaptations (disabled facilities grants)", category: "works", supplier: 6, value: 2_100_000, start: "2024-08-01", years: 3, manager: 0 },
  { title: "Window and door replacement, council offices", category: "works", supplier: 0, value: 1_250_000, start: "2026-02-02", years: 1, manager: 0 },
  { title: "Flood alleviation works, River Sowe", category: "works", supplier: 17, value: 6_700_000, start: "2026-06-01", years: 2, manager: 1 },
  { title: "Holiday activities and food programme", category: "services", supplier: 9, value: 650_000, start: "2024-04-01", years: 2, manager: 4 },
  { title: "Personal protective equipment", category: "goods", supplier: 14, value: 820_000, start: "2023-04-01", years: 3, manager: 2 },
  { title: "Mobile phones and airtime", category: "goods", supplier: 19, value: 1_700_000, start: "2025-10-01", years: 3, manager: 5 },
  { title: "Home to school transport vehicles", category: "goods", supplier: 16, value: 3_800_000, start: "2025-09-01", years: 4, manager: 4 },
  { title: "Events stewarding and security", category: "services", supplier: 21, value: 450_000, start: "2026-03-01", years: 2, manager: 3 },
];

function endDate(start: string, years: number): string {
  const date = new Date(`${start}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

export function demoSuppliers(): (DemoSupplier & { id: string })[] {
  return SUPPLIERS.map(([name, postcode, employees, turnover, balanceSheet, vcse, contact]) => ({
    id: demoId(`supplier:${name}`),
    name,
    postcode,
    employees,
    turnover,
    balanceSheet,
    vcse,
    email: `contracts@${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}.example`,
    contact,
  }));
}

/** Writes, or leaves alone what a seed run before wrote (a conflict): true when it wrote. */
export async function ignoreExisting<T>(write: () => Promise<T>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isStorageError(error, "conflict")) return false;
    throw error;
  }
}

/** A contact's own address at their supplier: contracts@wyken-waste… becomes leanne@wyken-waste…. */
function contactEmail(supplierEmail: string, contact: string): string {
  return supplierEmail.replace("contracts@", `${contact.split(" ")[0]?.toLowerCase()}@`);
}

/** Suppliers of the demo whose contacts one can sign in as: each has contracts with KPIs to report. */
const DEMO_SUPPLIER_NAMES = ["Wyken Waste Solutions Ltd", "Earlsdon Care Partnership"];

/** A person of the demo data, to sign in as in development. */
export interface DemoPerson {
  userId: string;
  name: string;
  roles: Role[];
  supplierId?: string;
  description: string;
}

/**
 * The people of the demo data to sign in as in development, each with what they can do: the
 * procurement officer, the contract managers, and two suppliers' contacts (as the seed stores
 * them: the contact's email is their id).
 */
/** The demo's EDI analyst: the one person who reads diversity answers. */
export const DEMO_EDI_ANALYST: Principal = { userId: "nadia.bashir", name: "Nadia Bashir", roles: ["edi-analyst"] };

export function demoPeople(): DemoPerson[] {
  const suppliers = demoSuppliers().filter((s) => DEMO_SUPPLIER_NAMES.includes(s.name));
  return [
    { userId: DEMO_ADMIN.userId, name: DEMO_ADMIN.name ?? DEMO_ADMIN.userId, roles: ["admin"], description: "Procurement officer: every contract; sets KPIs, reviews updates, assesses and publishes notices." },
    ...DEMO_MANAGERS.map((m) => ({ userId: m.id, name: m.name, roles: ["contract-manager" as const], description: `Contract manager, ${SERVICE_AREA_OF[m.department]}: their own contracts.` })),
    { userId: DEMO_EDI_ANALYST.userId, name: DEMO_EDI_ANALYST.name ?? DEMO_EDI_ANALYST.userId, roles: ["edi-analyst"], description: "Equality, diversity and inclusion analyst: the supplier diversity baseline, its publication to colleagues, and the engagement list. Sees no contracts." },
    ...suppliers.map((s) => ({
      userId: contactEmail(s.email ?? "", s.contact),
      name: s.contact,
      roles: ["supplier" as const],
      supplierId: s.id,
      description: `Contact at ${s.name} (supplier): reports its KPIs and the social value it delivers.`,
    })),
  ];
}

/** Loads whatever part of the demo portfolio is missing; returns how many records it added. Its delivery is as it stood on the latest day, up to `now`, that a month's updates fell due (UK time). */
export async function seedDemo(storage: Storage, now: Date = new Date(), dueDays = 14): Promise<{ suppliers: number; contracts: number; deliveries: number }> {
  let suppliers = 0;
  let contracts = 0;
  const supplierIds: string[] = [];
  for (const { id, contact, ...input } of demoSuppliers()) {
    supplierIds.push(id);
    if (!(await storage.suppliers.get(id)) && (await ignoreExisting(() => storage.suppliers.create(input, id)))) suppliers++;
    // Also when the supplier was there already: a load that stopped half way gets its contacts.
    const email = input.email as string;
    await ignoreExisting(() => storage.suppliers.addContact(id, { email: contactEmail(email, contact), name: contact }, demoId(`contact:${email}`)));
  }
  for (const [index, contract] of CONTRACTS.entries()) {
    const id = demoId(`contract:${index}`);
    if (await storage.contracts.get(id)) continue;
    const manager = DEMO_MANAGERS[contract.manager] as (typeof DEMO_MANAGERS)[number];
    const reference = `CCC-${contract.start.slice(0, 4)}-${String(index + 1).padStart(3, "0")}`;
    const created = await ignoreExisting(() =>
      storage.contracts.create(
        {
          reference,
          title: contract.title,
          supplierId: supplierIds[contract.supplier] as string,
          category: contract.category,
          value: contract.value,
          startDate: contract.start,
          endDate: endDate(contract.start, contract.years),
          managerId: manager.id,
          managerName: manager.name,
          department: manager.department,
          serviceArea: SERVICE_AREA_OF[manager.department],
        },
        id,
      ),
    );
    if (created) contracts++;
  }
  const deliveries = await seedDemoDelivery(storage, CONTRACTS.map((_, index) => demoId(`contract:${index}`)), now, dueDays);
  return { suppliers, contracts, deliveries };
}
