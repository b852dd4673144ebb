/**
 * The standard normal distribution in double precision.
 *
 * Φ is W. J. Cody's rational Chebyshev approximation (ACM TOMS 715, the algorithm behind R's
 * `pnorm`): it computes the smaller tail directly, so Φ(−8) ≈ 6.2e−16 keeps its full relative
 * precision where `0.5 · erfc` from a cruder erf, or `1 − Φ(8)`, would give garbage or 0. Gi* and
 * FDR work with tiny p-values, so the tails matter. Φ⁻¹ is Wichura's AS 241 (PPND16), ~1e−16.
 */

const CDF_SMALL_NUM = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
const CDF_SMALL_DEN = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const CDF_MID_NUM = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
  6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
];
const CDF_MID_DEN = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
  34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
const CDF_TAIL_NUM = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
const CDF_TAIL_DEN = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];
const ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;
const SQRT_32 = 5.656854249492380195206754896838;

/** exp(−y²/2) · factor, with y² split so the rounding of y·y does not cost relative accuracy in the tail. */
function gaussianTimes(y: number, factor: number): number {
  const ySixteenths = Math.trunc(y * 16) / 16;
  const rest = (y - ySixteenths) * (y + ySixteenths);
  return Math.exp(-ySixteenths * ySixteenths * 0.5) * Math.exp(-rest * 0.5) * factor;
}

/** Φ(−y) for y > 0.67448975 (the smaller tail), computed directly. */
function smallerTail(y: number): number {
  if (y <= SQRT_32) {
    let num = CDF_MID_NUM[8]! * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + CDF_MID_NUM[i]!) * y;
      den = (den + CDF_MID_DEN[i]!) * y;
    }
    return gaussianTimes(y, (num + CDF_MID_NUM[7]!) / (den + CDF_MID_DEN[7]!));
  }
  if (!Number.isFinite(y)) return 0;
  const inverseSquare = 1 / (y * y);
  let num = CDF_TAIL_NUM[5]! * inverseSquare;
  let den = inverseSquare;
  for (let i = 0; i < 4; i++) {
    num = (num + CDF_TAIL_NUM[i]!) * inverseSquare;
    den = (den + CDF_TAIL_DEN[i]!) * inverseSquare;
  }
  const ratio = (inverseSquare * (num + CDF_TAIL_NUM[4]!)) / (den + CDF_TAIL_DEN[4]!);
  return gaussianTimes(y, (ONE_OVER_SQRT_2PI - ratio) / y);
}

/** Φ(x) − 1/2 for |x| ≤ 0.67448975, where neither tail is small. */
function centralHalf(x: number): number {
  const square = x * x;
  let num = CDF_SMALL_NUM[4]! * square;
  let den = square;
  for (let i = 0; i < 3; i++) {
    num = (num + CDF_SMALL_NUM[i]!) * square;
    den = (den + CDF_SMALL_DEN[i]!) * square;
  }
  return (x * (num + CDF_SMALL_NUM[3]!)) / (den + CDF_SMALL_DEN[3]!);
}

const CENTRAL_LIMIT = 0.67448975;

/**
 * Φ(x), the standard normal distribution function, accurate to ~1e−15 relative in both tails.
 *
 * @param x any number; ±Infinity give 1 and 0, NaN gives NaN.
 * @example
 * normalCdf(1.96); // 0.9750021048517795
 * normalCdf(-8);   // 6.22096057427178e-16
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= CENTRAL_LIMIT) return 0.5 + centralHalf(x);
  const tail = smallerTail(y);
  return x < 0 ? tail : 1 - tail;
}

/**
 * The survival function 1 − Φ(x) = Φ(−x), computed without the cancellation of `1 − normalCdf(x)`.
 *
 * @example
 * normalSf(8); // 6.22096057427178e-16, where 1 − normalCdf(8) is 6.7e−16 (all rounding)
 */
export function normalSf(x: number): number {
  return normalCdf(-x);
}

/**
 * The two-sided p-value of a z-score, 2·Φ(−|z|): hot and cold spots are both findings, so Gi*
 * reports it (esda's `p_norm` is the one-sided one).
 *
 * @example
 * twoSidedP(1.959963984540054); // 0.05
 */
export function twoSidedP(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const y = Math.abs(z);
  return y <= CENTRAL_LIMIT ? 1 - 2 * centralHalf(y) : 2 * smallerTail(y);
}

const Q_CENTRAL_NUM = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457,
  67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
];
const Q_CENTRAL_DEN = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061,
  28729.085735721942674, 5226.495278852854561,
];
const Q_NEAR_NUM = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258,
  0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const Q_NEAR_DEN = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
];
const Q_FAR_NUM = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093,
  0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const Q_FAR_DEN = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
];

/** c[0] + c[1]·x + … + c[7]·x⁷ by Horner's rule. */
function polynomial(c: readonly number[], x: number): number {
  let value = c[c.length - 1]!;
  for (let i = c.length - 2; i >= 0; i--) value = value * x + c[i]!;
  return value;
}

/**
 * Φ⁻¹(p), the standard normal quantile (Wichura, AS 241, 1988; relative error ~1e−16).
 *
 * @param p a probability; 0 and 1 give ∓Infinity, anything outside [0, 1] gives NaN.
 * @example
 * normalQuantile(0.975); // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * polynomial(Q_CENTRAL_NUM, r)) / polynomial(Q_CENTRAL_DEN, r);
  }
  // The smaller tail probability: log of it stays exact where 1 − p would round.
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = polynomial(Q_NEAR_NUM, r) / polynomial(Q_NEAR_DEN, r);
  } else {
    r -= 5;
    value = polynomial(Q_FAR_NUM, r) / polynomial(Q_FAR_DEN, r);
  }
  return q < 0 ? -value : value;
}
