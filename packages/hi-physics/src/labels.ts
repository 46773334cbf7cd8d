/** TeX labels of the model variables (caribou_hi's `var_name_map`, spec §2.1), for plots. */
export const VAR_NAME_MAP: Readonly<Record<string, string>> = {
  fwhm2: "$\\Delta V^2$ (km$^{2}$ s$^{-2}$)",
  log10_nHI: "log$_{10}$ $n_{\\rm HI}$ (cm$^{-3}$)",
  velocity: "$V_{\\rm LSR}$ (km s$^{-1}$)",
  log10_n_alpha: "log$_{10}$ $n_\\alpha$ (cm$^{-3}$)",
  n_alpha: "$n_\\alpha$ (cm$^{-3}$)",
  fwhm_L: "$\\Delta V_L$ (km s$^{-1}$)",
  tau_total: "$\\int \\tau(v) dv$ (km s$^{-1}$)",
  TB_fwhm: "$T_B \\Delta V$ (K km s$^{-1}$)",
  tkin_factor: "$T_K/T_{K, \\rm max}$",
  tkin: "$T_K$ (K)",
  tspin: "$T_S$ (K)",
  filling_factor: "$f$",
  wt_ff_tspin: "$w_\\tau/(f T_s)$ (K$^{-1}$)",
  absorption_weight: "$w_\\tau$",
  log10_Pth: "log$_{10}$ $P_{\\rm th}$ (K cm$^{-3}$)",
  log10_NHI: "log$_{10}$ $N_{\\rm HI}$ (cm$^{-2}$)",
  log10_depth: "log$_{10}$ $d$ (pc)",
  fwhm2_thermal_fraction: "$\\Delta V_{\\rm th}^2/\\Delta V^2$",
  fwhm2_thermal: "$\\Delta V_{\\rm th}^2$ (km$^{2}$ s$^{-2}$)",
  fwhm2_nonthermal: "$\\Delta V_{\\rm nth}^2$ (km$^{2}$ s$^{-2}$)",
  depth: "$d$ (pc)",
  nth_fwhm_1pc: "$\\Delta V_{\\rm nth, 1 pc}$ (km s$^{-1}$)",
  log10_Pnth: "log$_{10}$ $P_{\\rm nth}$ (K cm$^{-3}$)",
  log10_Ptot: "log$_{10}$ $P_{\\rm tot}$ (K cm$^{-3}$)",
  wt_ff_fwhm2_thermal: "$w_\\tau/(f \\Delta V_{\\rm th}^2)$ (km$^{-2}$ s$^{2}$)",
};

/** Labels of a model: the table above plus `baseline_<key>_norm` → `$\beta_{\rm <key>}$`. */
export function varNameMap(datasetKeys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = { ...VAR_NAME_MAP };
  for (const k of datasetKeys) out[`baseline_${k}_norm`] = `$\\beta_{\\rm ${k}}$`;
  return out;
}
