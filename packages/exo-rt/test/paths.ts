import { fileURLToPath } from "node:url";

/** The package's own copy of the ExoJAX test data. */
export const DATA = fileURLToPath(new URL("../data/", import.meta.url));
export const CO_SAMPLE = `${DATA}CO/12C-16O/SAMPLE`;
export const H2O_SAMPLE = `${DATA}H2O/1H2-16O/SAMPLE`;
export const CIA_TEST = `${DATA}H2-H2_TEST.cia`;
export const HITEMP_CO = `${DATA}CO/05_HITEMP_SAMPLE.par`;
