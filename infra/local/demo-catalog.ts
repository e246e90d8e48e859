import { crc32, deflateSync } from "node:zlib";
import type { CatalogCardItem } from "../../shared/catalog/index.js";
import type { StaffIdentity } from "../../shared/identity/index.js";
import { newId } from "../../shared/ids.js";
import type { Ports } from "../../shared/ports.js";

type Rgb = readonly [number, number, number];
const WIDTH = 320;
const HEIGHT = 200;
const FLOOR: Rgb = [236, 239, 241];
const TERMINAL: Rgb = [176, 190, 197];
const HALL: Rgb = [255, 255, 255];
const FREE_ATM: Rgb = [46, 125, 50];
const OTHER_ATM: Rgb = [198, 40, 40];
const EXIT: Rgb = [21, 101, 192];

/**
 * A plan of the demo airport's terminal: the hall, its gates and exits, the fee-free ATMs in
 * green and the others in red. Drawn at seed time so the demo needs no binary file in the repository.
 */
function drawAirportMap(): Uint8Array {
  const pixels = Array.from({ length: HEIGHT }, () => Array.from({ length: WIDTH }, () => FLOOR));
  const fill = (x: number, y: number, w: number, h: number, color: Rgb) => {
    for (let row = y; row < y + h; row++) for (let col = x; col < x + w; col++) pixels[row]![col] = color;
  };
  fill(20, 30, 280, 140, TERMINAL);
  fill(30, 80, 260, 40, HALL);
  for (let gate = 0; gate < 6; gate++) fill(40 + gate * 44, 40, 24, 30, HALL);
  fill(150, 160, 20, 10, EXIT);
  fill(20, 92, 10, 16, EXIT);
  for (const [x, y] of [
    [60, 94],
    [200, 94],
    [270, 130],
  ])
    fill(x!, y!, 12, 12, FREE_ATM);
  for (const [x, y] of [
    [120, 94],
    [90, 132],
  ])
    fill(x!, y!, 12, 12, OTHER_ATM);
  const raw = Buffer.concat(pixels.map((row) => Buffer.from([0, ...row.flat()])));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(WIDTH, 0);
  header.writeUInt32BE(HEIGHT, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

type DemoCard = Pick<CatalogCardItem, "cardId" | "topic" | "title" | "body" | "tags"> &
  Partial<Pick<CatalogCardItem, "buttons" | "links" | "form">> & { map?: boolean };

const DEMO_CARDS: DemoCard[] = [
  {
    cardId: "crd_demo-cajeros-aeropuerto",
    topic: "Viajes",
    title: "Cajeros sin comisión en el aeropuerto",
    body: "En la terminal puede sacar dinero sin comisión en los cajeros verdes del plano: junto a la puerta 1, frente a la puerta 4 y en la salida de llegadas. Los rojos cobran comisión.",
    tags: ["cajeros", "atm", "aeropuerto", "comisión", "efectivo"],
    links: [{ title: "Todos los cajeros sin comisión", url: "https://bancodemo.example/cajeros" }],
    map: true,
  },
  {
    cardId: "crd_demo-seguro-viaje",
    topic: "Seguros",
    title: "Seguro de viaje",
    body: "Cubre gastos médicos, equipaje y cancelación desde 3 € por día de viaje.",
    tags: ["seguro", "viaje", "vacaciones"],
    buttons: [
      { id: "b1", title: "Contratar" },
      { id: "b2", title: "Más información" },
    ],
  },
  {
    cardId: "crd_demo-cotizar-seguro",
    topic: "Seguros",
    title: "Cotice su seguro de viaje",
    body: "Díganos adónde va y cuándo, y le enviamos el precio.",
    tags: ["seguro", "viaje", "cotización"],
    form: [
      { name: "destino", label: "Destino", type: "text", required: true },
      { name: "salida", label: "Fecha de salida", type: "date", required: true },
      { name: "viajeros", label: "Viajeros", type: "number", required: true },
      {
        name: "zona",
        label: "Zona",
        type: "select",
        options: ["Europa", "América", "Resto del mundo"],
        required: true,
      },
    ],
  },
];

/** The demo bank's catalog of material (issue 6); a card already there, edited or archived, is left as it is. */
export async function seedDemoCatalog(ports: Ports, admin: StaffIdentity) {
  const now = ports.clock.now().toISOString();
  for (const { map, ...card } of DEMO_CARDS) {
    const { data } = await ports.db.catalogCard.get({ tenantId: admin.tenantId, cardId: card.cardId }).go();
    if (data) continue;
    const image = map ? await storeMap(ports, admin.tenantId) : undefined;
    await ports.db.catalogCard
      .create({
        tenantId: admin.tenantId,
        state: "active",
        revision: 1,
        language: "es",
        buttons: [],
        links: [],
        form: [],
        ...card,
        ...(image && { image }),
        updatedBy: admin.name,
        createdAt: now,
        updatedAt: now,
      })
      .go();
  }
}

async function storeMap(ports: Ports, tenantId: string) {
  const bytes = drawAirportMap();
  const attachmentId = newId("attachment");
  const key = `tenants/${tenantId}/catalog/${attachmentId}`;
  await ports.files.put(key, bytes, "image/png");
  return { attachmentId, key, name: "cajeros-aeropuerto.png", contentType: "image/png", size: bytes.length };
}
