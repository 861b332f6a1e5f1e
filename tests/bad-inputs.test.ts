/**
 * The bad-input suite (issue 14): every public function of the package root is fed its typical mistakes — wrong
 * shape, NaN/Infinity, empty, negative or fractional size, wrong type, out-of-range probability or label — and must
 * answer with a correct result or an error whose message names the argument (and no TypeError from inside, such as
 * "Cannot read properties of undefined").
 *
 * Two parts: a table of typical mistakes per function with the message each must give, and a sweep that calls every
 * exported function and class with seven wrong first arguments. The count is printed at the end.
 */
import { afterAll, describe, expect, it } from "vitest";
import ndarray from "ndarray";
import * as pdl from "../src/index";

const {
  randomGenerator, tensor, matmul, matrix, transpose, eigh, svd, qr, zeros, eye, vectorNorm, trace, matvec,
  MLP, Linear, sgd, adam, activations, resolveActivation, l2Loss, softmaxCrossEntropy, backpropMlp,
  accuracy, confusionMatrix, fit, imageAugmentation, silentMonitor,
  semicircleLaw, marchenkoPasturLaw, fussCatalanLaw, empiricalSpectrum, ginibre, haarOrthogonal, wishart,
  freeAdditiveConvolution, freeMultiplicativeConvolution, jacobianSpectrumPrediction, jacobianMomentPrediction,
  jacobianSingularValues, rescaleConvolution, catalanNumber, binomialCoefficient,
  meanFieldVarianceMap, meanFieldChi1, gaussHermite, signalPropagation, randomFeedForward, networkJacobian,
  empiricalNtk, trainFeedForward, infiniteWidthKernels,
  lineFigure, histogramFigure, heatmapFigure, imageFigure, validateFigure, subplots,
  oneHot, selectImages, loadMnist, randomFlip, randomErasing, mixup, randomTranslation, imageBatch, vectorToImage,
  tokenizeWords, padSequences, sineWave, stft, decodeWav, toyProblem, sampleToyData, fitPolynomial, gemm,
} = pdl;

let refused = 0;
let correct = 0;

/** A function call that must throw an Error whose message matches `names` (the argument, what was expected). */
function refuses(call: () => unknown, names: RegExp): void {
  let error: unknown;
  try {
    call();
  } catch (e) {
    error = e;
  }
  expect(error, "expected an error, the call was accepted").toBeInstanceOf(Error);
  const message = (error as Error).message;
  expect(message).not.toMatch(CRYPTIC);
  expect(message).toMatch(names);
  refused++;
}

/** An async call that must reject likewise. */
async function rejects(call: () => Promise<unknown>, names: RegExp): Promise<void> {
  const error = await call().then(
    () => undefined,
    (e) => e,
  );
  expect(error, "expected a rejection, the call was accepted").toBeInstanceOf(Error);
  expect((error as Error).message).not.toMatch(CRYPTIC);
  expect((error as Error).message).toMatch(names);
  refused++;
}

/** A call on a questionable input whose result is correct (checked by `check`). */
function answers<T>(call: () => T, check: (value: T) => void): void {
  check(call());
  correct++;
}

const CRYPTIC = /Cannot read propert|Cannot set propert|is not a function|is not iterable|undefined is not|Cannot convert|Invalid array length|Invalid typed array length|Maximum call stack|Cannot destructure|reduce of empty/i;

const rng = randomGenerator(0);
const model = new MLP([2, 3, 2], { rng: 0 });
const sc = semicircleLaw(1);
const net = randomFeedForward({ widths: [3, 4, 1], activation: "tanh", rng: 0 });

type Case = [string, () => unknown, RegExp];

const table: Record<string, Case[]> = {
  "random numbers": [
    ["randomGenerator(-1)", () => randomGenerator(-1), /seed must be a non-negative integer.*-1/],
    ["randomGenerator(1.5)", () => randomGenerator(1.5), /seed.*1\.5/],
    ["randomGenerator('42')", () => randomGenerator("42" as never), /seed.*"42"/],
    ["normalArray(-3)", () => rng.normalArray(-3), /n must be a non-negative integer, got -3/],
    ["normalArray(2.5)", () => rng.normalArray(2.5), /n must be .*2\.5/],
    ["normalArray(std NaN)", () => rng.normalArray(3, 0, NaN), /std must be a finite number, got NaN/],
    ["normal(std −1)", () => rng.normal(0, -1), /std must be ≥ 0, got -1/],
    ["bernoulli(1.5)", () => rng.bernoulli(1.5), /p must be a probability in \[0, 1\], got 1\.5/],
    ["bernoulli(NaN)", () => rng.bernoulli(NaN), /p must be a finite number/],
    ["beta(0, 1)", () => rng.beta(0, 1), /beta parameters must be > 0/],
    ["integer(5, 5)", () => rng.integer(5, 5), /low < high/],
    ["integers(3, 0, 2**40)", () => rng.integers(3, 0, 2 ** 40), /Int32Array.*high = 1099511627776/],
    ["choice([1,2], 3, false)", () => rng.choice([1, 2], 3, false), /size must be ≤ 2/],
    ["pick([])", () => rng.pick([]), /pick: cannot draw from an empty array/],
    ["pick(null)", () => rng.pick(null as never), /pick: items must be an array, got null/],
    ["shuffle(5)", () => rng.shuffle(5 as never), /shuffle: array must be an array/],
    ["permutation(-1)", () => rng.permutation(-1), /n must be a non-negative integer/],
  ],
  "tensors and autograd": [
    ["tensor(ragged)", () => tensor([[1, 2], [3]]), /ragged/],
    ["tensor(['a'])", () => tensor(["a"] as never), /tensor input\[0\] must be a number, got a/],
    ["tensor(data, wrong shape)", () => tensor([1, 2, 3], [2, 2]), /shape \[2, 2\] needs 4 entries but the input has 3/],
    ["tensor(ndarray too short)", () => tensor(ndarray(new Float64Array(3), [2, 2])), /only 3 entries/],
    ["tensor(undefined)", () => tensor(undefined as never), /tensor input must be a number, an array/],
    ["tensor(shape −1)", () => tensor(new Float64Array(0), [-1]), /shape must be non-negative integers/],
    ["add shapes", () => tensor([1, 2]).add(tensor([1, 2, 3])), /\[2\].*\[3\]/],
    ["matmul shapes", () => tensor([[1, 2]]).matmul(tensor([[1, 2]])), /\[1, 2\].*\[1, 2\]/],
    ["l2Loss shapes", () => l2Loss(tensor([[1, 2]]), tensor([[1, 2, 3]])), /l2Loss: prediction has shape \[1, 2\] but target has shape \[1, 3\]/],
    ["l2Loss empty", () => l2Loss(tensor(new Float64Array(0), [0, 2]), tensor(new Float64Array(0), [0, 2])), /no samples to average/],
    ["l2Loss reduction", () => l2Loss([1], [1], { reduction: "max" as never }), /reduction must be "mean" or "sum"/],
    ["softmaxCrossEntropy 1-D logits", () => softmaxCrossEntropy([1, 2], [0]), /logits must be N × C/],
    ["mean of nothing", () => tensor(new Float64Array(0), [0]).mean(), /mean: no entries to average/],
  ],
  "linear algebra": [
    ["matmul shapes", () => matmul([[1, 2]], [[1, 2]]), /matmul\(A, B\): A has shape \[1, 2\] but B has shape \[1, 2\]/],
    ["matrix(ragged)", () => matrix([[1, 2], [3]]), /row|ragged|length/],
    ["matrix('ab')", () => matrix("ab" as never), /matrix|rows|array/],
    ["zeros(−1, 2)", () => zeros(-1, 2), /rows.*-1|-1/],
    ["eye(2.5)", () => eye(2.5), /2\.5/],
    ["eigh(non-square)", () => eigh([[1, 2, 3], [4, 5, 6]]), /square|\[2, 3\]/],
    ["eigh(NaN)", () => eigh([[NaN, 0], [0, 1]]), /finite|NaN/],
    ["svd(NaN)", () => svd([[1, NaN], [0, 1]]), /finite|NaN/],
    ["qr(string)", () => qr("abc" as never), /A must be|matrix|"abc"/],
    ["transpose(null)", () => transpose(null as never), /null/],
    ["trace(NaN)", () => trace(null as never), /A|null/],
    ["matvec shapes", () => matvec([[1, 2]], [1, 2, 3]), /\[1, 2\].*\[3\]|3/],
    ["gemm short C", () => gemm(false, false, 2, 2, 1, 1, new Float64Array(2), new Float64Array(2), 0, new Float64Array(3)), /gemm: c must hold m×n = 2×2 = 4 numbers/],
    ["gemm string size", () => gemm(false, false, "2" as never, 2, 1, 1, new Float64Array(2), new Float64Array(2), 0, new Float64Array(4)), /gemm: m must be an integer ≥ 0, got "2"/],
  ],
  "networks and training": [
    ["MLP widths [2]", () => new MLP([2]), /widths/],
    ["MLP widths [2, 0]", () => new MLP([2, 0]), /widths\[1\]|0/],
    ["MLP activation 'foo'", () => new MLP([2, 2], { activation: "foo" as never }), /activation must be one of .*"foo"/],
    ["Linear(0, 2)", () => new Linear(0, 2), /0/],
    ["forward wrong width", () => model.forward(tensor([[1, 2, 3]])), /\[1, 3\]|3/],
    ["sgd learningRate −1", () => sgd(model.parameters(), { learningRate: -1 }), /learning rate η must be a finite number > 0, got -1/],
    ["sgd learningRate NaN", () => sgd(model.parameters(), { learningRate: NaN }), /learning rate.*NaN/],
    ["adam beta1 1.5", () => adam(model.parameters(), { learningRate: 0.1, beta1: 1.5 }), /β₁|beta1|1\.5/],
    ["resolveActivation(42)", () => resolveActivation(42 as never), /activation must be an activation.*42/],
    ["backpropMlp label 2 of 2", () => backpropMlp(model, [[0, 1]], [2], "softmaxCrossEntropy"), /label 0 is 2/],
    ["backpropMlp label 1.5", () => backpropMlp(model, [[0, 1]], [1.5], "softmaxCrossEntropy"), /label 0 is 1\.5/],
    ["backpropMlp loss", () => backpropMlp(model, [[0, 1]], [[1, 0]], "hinge" as never), /loss must be/],
    ["accuracy lengths", () => accuracy([1, 2], [1]), /2 predictions but 1 targets/],
    ["accuracy empty", () => accuracy([], []), /accuracy: no samples/],
    ["confusionMatrix classes", () => confusionMatrix([0, 5], [0, 1], 2), /5|classes/],
    ["imageAugmentation [28, 28]", () => imageAugmentation((b) => b, [28, 28] as never), /imageShape must be \[height, width, channels\]/],
  ],
  "random matrices and free probability": [
    ["semicircleLaw(−1)", () => semicircleLaw(-1), /variance|-1/],
    ["marchenkoPasturLaw(0)", () => marchenkoPasturLaw(0), /ratio|0/],
    ["fussCatalanLaw(0.5)", () => fussCatalanLaw(0.5), /L must be an integer/],
    ["catalanNumber(−1)", () => catalanNumber(-1), /k must be an integer ≥ 0, got -1/],
    ["binomialCoefficient(4, 1.5)", () => binomialCoefficient(4, 1.5), /k must be an integer, got 1\.5/],
    ["empiricalSpectrum([])", () => empiricalSpectrum([]), /empty|at least one/],
    ["empiricalSpectrum(NaN)", () => empiricalSpectrum([1, NaN]), /finite|NaN/],
    ["ginibre(−2)", () => ginibre(-2, 2, 1, 0), /n.*-2|-2/],
    ["haarOrthogonal(1.5)", () => haarOrthogonal(1.5, 0), /n.*1\.5/],
    ["wishart(σ NaN)", () => wishart(2, 2, NaN, 0), /sigma|σ|NaN/],
    ["⊞ negative weight", () => freeAdditiveConvolution({ atoms: Float64Array.of(0, 1), weights: Float64Array.of(2, -1) }, sc), /weights must be ≥ 0/],
    ["⊠ lengths", () => freeMultiplicativeConvolution({ atoms: Float64Array.of(1, 2), weights: Float64Array.of(1) }, sc), /same length/],
    ["⊞ NaN grid", () => freeAdditiveConvolution({ x: Float64Array.of(0, 1), density: Float64Array.of(NaN, 1) }, sc), /density \(of the density grid\).*NaN/],
    ["⊞ maxIterations −1", () => freeAdditiveConvolution(sc, sc, { maxIterations: -1 }), /maxIterations must be an integer ≥ 1/],
    ["⊠ negative support", () => freeMultiplicativeConvolution(sc, sc), /must live on \[0, ∞\)/],
    ["rescaleConvolution(c = 0)", () => rescaleConvolution(freeAdditiveConvolution(sc, sc, { points: 50 }), 0), /c must be > 0/],
    ["jacobianSpectrumPrediction depth 0", () => jacobianSpectrumPrediction({ depth: 0, activation: "tanh" }), /depth must be an integer ≥ 1/],
    ["jacobianSpectrumPrediction()", () => jacobianSpectrumPrediction(undefined as never), /jacobianSpectrumPrediction: options must be an object/],
    ["jacobianMomentPrediction depth 1.5", () => jacobianMomentPrediction({ depth: 1.5, activation: "tanh" }), /depth must be an integer ≥ 1, got 1\.5/],
    ["jacobianSingularValues width −1", () => jacobianSingularValues({ width: -1, depth: 2, activation: "tanh", rng: 0 }), /width must be an integer ≥ 1/],
  ],
  "signal propagation and kernels": [
    ["meanFieldVarianceMap(q −1)", () => meanFieldVarianceMap(-1, { sigmaW: 1, sigmaB: 0, activation: "tanh" }), /q|-1/],
    ["meanFieldChi1(NaN)", () => meanFieldChi1(NaN, { sigmaW: 1, sigmaB: 0, activation: "tanh" }), /q|NaN/],
    ["gaussHermite(0)", () => gaussHermite(0), /n|0/],
    ["signalPropagation(width 0)", () => signalPropagation({ width: 0, depth: 2, activation: "tanh", rng: 0 } as never), /width must be an integer ≥ 1/],
    ["signalPropagation()", () => signalPropagation(undefined as never), /signalPropagation: options must be an object/],
    ["randomFeedForward widths [3]", () => randomFeedForward({ widths: [3], activation: "tanh", rng: 0 }), /widths must be an array \[n_0, …, n_L\] of at least 2/],
    ["networkJacobian x length", () => networkJacobian(net, [1, 2]), /x.*\[2\].*\[3\]/],
    ["empiricalNtk(null net)", () => empiricalNtk(null as never, [[1, 2, 3]]), /net must be a network \(from mlp or randomFeedForward\)/],
    ["trainFeedForward steps 1.5", () => trainFeedForward(net, [[1, 2, 3]], [1], { learningRate: 0.1, steps: 1.5 }), /steps must be an integer/],
    ["trainFeedForward Y NaN", () => trainFeedForward(net, [[1, 2, 3]], [NaN], { learningRate: 0.1, steps: 1 }), /Y must contain only finite numbers/],
    ["infiniteWidthKernels depth 0", () => infiniteWidthKernels([[1, 2]], { depth: 0, activation: "relu" } as never), /depth/],
  ],
  "figures": [
    ["lineFigure('123')", () => lineFigure({ y: "123" as never }), /series\[0\]\.y must be an array of numbers, got "123"/],
    ["lineFigure NaN", () => lineFigure({ y: [1, NaN] }), /series\[0\]\.y has 1 non-finite value/],
    ["lineFigure x/y lengths", () => lineFigure({ x: [1, 2], y: [1] }), /x has 2 values but y has 1/],
    ["lineFigure(null)", () => lineFigure(null as never), /series\[0\] must be a series/],
    ["histogramFigure NaN", () => histogramFigure([1, NaN]), /histogramFigure: samples has 1 non-finite value/],
    ["histogramFigure([])", () => histogramFigure([]), /histogramFigure: samples is empty/],
    ["histogramFigure bins 0", () => histogramFigure([1, 2], { bins: 0 }), /bins must be a positive integer/],
    ["heatmapFigure('ab')", () => heatmapFigure("ab" as never), /z must be a 2-D array/],
    ["imageFigure(null)", () => imageFigure(null as never), /imageFigure: pixels must be an image/],
    ["validateFigure frames 5", () => validateFigure({ data: [], layout: {}, frames: 5 }), /fig\.frames must be an array/],
    ["validateFigure BigInt", () => validateFigure({ data: [{ x: [1n] }], layout: {} }), /BigInt/],
    ["validateFigure trace", () => validateFigure({ type: "scatter", x: [1] }), /did you pass a trace instead of a figure/],
    ["subplots('x')", () => subplots("x" as never), /figures|"x"/],
  ],
  "data": [
    ["oneHot label 10 of 10", () => oneHot([10], 10), /10/],
    ["oneHot label 1.5", () => oneHot([1.5], 10), /1\.5/],
    ["selectImages index", () => selectImages(loadMnist(), [1e9]), /outside 0…9999/],
    ["selectImages(null)", () => selectImages(null as never, [0]), /selectImages: data must be a labeled image set/],
    ["randomFlip p 2", () => randomFlip({ p: 2 }), /p must be a probability|p.*2/],
    ["randomFlip(null)", () => randomFlip(null as never), /randomFlip: options must be an object/],
    ["randomErasing p −0.1", () => randomErasing({ p: -0.1 }), /p.*-0\.1/],
    ["mixup alpha 0", () => mixup({ alpha: 0 }), /alpha|α/],
    ["randomTranslation(−1)", () => randomTranslation(-1), /maxShift|-1/],
    ["imageBatch wrong size", () => imageBatch(new Float64Array(10), [28, 28, 1]), /784|10/],
    ["vectorToImage wrong size", () => vectorToImage([1, 2, 3], [2, 2, 1]), /4|3/],
    ["tokenizeWords(5)", () => tokenizeWords(5 as never), /text must be a string|5/],
    ["padSequences length −1", () => padSequences([[1]], -1), /length.*-1/],
    ["sineWave(NaN)", () => sineWave(NaN, 1), /frequency|NaN/],
    ["stft('abc')", () => stft("abc" as never), /signal must be an AudioSignal or an array of samples, got "abc"/],
    ["stft NaN", () => stft([1, NaN, 3]), /signal must contain only finite numbers, but entry 1 is NaN/],
    ["decodeWav(garbage)", () => decodeWav(new Uint8Array([1, 2, 3])), /decodeWav|WAV/],
    ["toyProblem('foo')", () => toyProblem("foo" as never), /target|"foo"/],
    ["sampleToyData n −1", () => sampleToyData(toyProblem(), -1, 0), /n.*-1/],
    ["fitPolynomial degree −1", () => fitPolynomial([0, 0.5, 1], [1, 2, 3], -1), /degree must be an integer ≥ 0, got -1/],
    ["fitPolynomial x/y lengths", () => fitPolynomial([0, 0.5, 1], [1, 2], 1), /x.*3.*y.*2|3.*2/],
    ["fitPolynomial NaN", () => fitPolynomial([0, NaN, 1], [1, 2, 3], 1), /x.*NaN|finite/],
  ],
};

describe("bad inputs, by function: an error naming the argument", () => {
  for (const [area, cases] of Object.entries(table)) {
    describe(area, () => {
      it.each(cases)("%s", (_label, call, names) => refuses(call, names));
    });
  }

  it("fit: the typical mistakes", async () => {
    const x = [[0, 1], [1, 0]];
    const run = (o: object) => fit(model, { x, y: [0, 1], loss: "crossEntropy", optimizer: sgd(model.parameters(), { learningRate: 0.1 }), epochs: 1, batchSize: 2, monitor: silentMonitor, ...o });
    await rejects(() => run({ epochs: 0 }), /epochs must be an integer ≥ 1, got 0/);
    await rejects(() => run({ batchSize: 1.5 }), /batchSize must be an integer ≥ 1, got 1\.5/);
    await rejects(() => run({ y: [0, 5] }), /5|label|class/);
    await rejects(() => run({ y: [0, 0.5] }), /integer class labels/);
    await rejects(() => run({ x: [[0, NaN], [1, 0]] }), /fit: x must contain only finite numbers, but row 0, column 1 is NaN/);
    await rejects(() => run({ x: [0, 1] }), /x must be N × n/);
    await rejects(() => run({ optimizer: sgd(new MLP([2, 3, 2], { rng: 1 }).parameters(), { learningRate: 0.1 }) }), /built for another model/);
    await rejects(() => run({ loss: "hinge" }), /loss must be a function/);
  });

  it("questionable but valid inputs give correct results", () => {
    answers(() => tensor(NaN), (t) => expect(t.item()).toBeNaN()); // NaN data is data; fit and figures refuse it
    answers(() => activations.relu.f(NaN), (v) => expect(v).toBeNaN());
    answers(() => matmul([[0, 1]], [[NaN], [1]]).get(0, 0), (v) => expect(v).toBeNaN());
    answers(() => l2Loss(tensor(new Float64Array(0), [0, 2]), tensor(new Float64Array(0), [0, 2]), { reduction: "sum" }).item(), (v) => expect(v).toBe(0));
    answers(() => rng.choice([1, 2], 0), (v) => expect(v).toEqual([]));
    answers(() => rng.permutation(0), (v) => expect(v.length).toBe(0));
    answers(() => semicircleLaw(1).density(5), (v) => expect(v).toBe(0));
    answers(() => pdl.logGamma(-1), (v) => expect(v).toBe(Infinity)); // a pole of Γ (it gave 37.8)
    answers(() => trace([[1, 2, 3], [4, 5, 6]]), (v) => expect(v).toBe(6)); // Σ_i A_ii over the diagonal that exists
    answers(() => vectorNorm([1, NaN]), (v) => expect(v).toBeNaN()); // a norm of data with NaN is NaN
    answers(() => haarOrthogonal(0, 0).shape, (v) => expect(v).toEqual([0, 0])); // the empty orthogonal matrix
  });
});

/** Functions left out of the sweep, each with the reason. */
const notSwept: Record<string, string> = {
  show: "draws into the notebook (its validation is validateFigure, swept)",
  loadPlotly: "sends plotly.js to the notebook",
  loadLiveFigures: "sends the library's browser part to the notebook (takes no argument)",
  setDisplaySink: "replaces the display (a test hook)",
  displayBundle: "sends a display message",
  interruptToken: "registers a SIGINT listener",
  yieldToEventLoop: "takes no arguments",
  setDefaultTrainingMonitor: "a hook (null resets it)",
  setCheckPrinter: "a hook",
  setCheckResultSink: "a hook (undefined resets it)",
  setGemmKernel: "switches the kernel for the whole process (its argument check is in tests/linalg)",
  progressBar: "draws into the notebook",
  ProgressBar: "draws into the notebook",
  trainingMonitor: "draws into the notebook",
  liveCurves: "draws into the notebook",
  LiveCurves: "draws into the notebook",
  UpdatableDisplay: "draws into the notebook",
  fit: "async: its mistakes are in the table above",
  noGrad: "runs a callback",
  inKernel: "takes no argument (a predicate)",
  loaderBundle: "takes no argument",
  requireFunction: "an argument checker: its first argument is the name to report",
};

/**
 * Functions and classes that accept any first argument by design, with the reason: they take no argument, or the
 * argument is optional and ignored when wrong-typed defaults would be surprising but harmless, or they are pure
 * numeric functions (NaN in, NaN out), or result classes that the library's own functions construct.
 */
const acceptsAny: Record<string, string> = {
  describe: "describes any value for an error message",
  checkRecord: "takes no argument",
  currentLanguage: "takes no argument",
  checkSummary: "takes no argument",
  CheckSummary: "a result class that checkSummary constructs",
  runInstructorCases: "{} means no instructor cases (what the grader passes); non-objects are refused (tests/grade)",
  isMatrix: "a predicate",
  stridedView: "a query: null for anything that is not a float64 matrix readable in place",
  isGradEnabled: "takes no argument",
  gemmKernel: "takes no argument",
  gemmThreads: "takes no argument",
  gemmThreadsReady: "takes no argument",
  isNdarray: "a predicate",
  axesLayout: "every option is optional ({} is the default layout)",
  assetsDirectory: "takes no argument",
  loadMnist: "takes no argument",
  loadMnistFromPackage: "takes no argument",
  loadCorpus: "takes no argument",
  xavierInit: "takes no argument",
  heInit: "takes no argument",
  lecunInit: "takes no argument",
  gaussianInit: "optional σ_w (checked when the initializer runs)",
  orthogonalInit: "optional σ_w (checked when the initializer runs)",
  formatDuration: "formats any number of seconds, '?' for non-numbers",
  erf: "a numeric function: NaN in, NaN out",
  erfc: "a numeric function: NaN in, NaN out",
  normalCdf: "a numeric function: NaN in, NaN out",
  normalPdf: "a numeric function: NaN in, NaN out",
  logGamma: "a numeric function: NaN in, NaN out, +∞ at the poles 0, −1, −2, …",
  semicircleDensity: "a numeric function of x: NaN in, NaN out",
  quarterCircleDensity: "a numeric function of x: NaN in, NaN out",
  marchenkoPasturDensity: "a numeric function of x: NaN in, NaN out",
  jsonForScript: "any JSON value",
  runCheck: "reports a failed check as an outcome (the exercises' harness)",
  tensor: "a number, NaN included, is a scalar tensor",
  semicircleLaw: "optional variance (undefined = 1; 1.5 is valid)",
  quarterCircleLaw: "optional σ (undefined = 1; 1.5 is valid)",
  marchenkoPasturLaw: "optional ratio (undefined = 1; 1.5 is valid)",
  circularLaw: "optional radius (undefined = 1; 1.5 is valid)",
  toyProblem: "optional target (undefined = sine)",
  skeletonMotion: "optional motion (undefined = walking)",
  randomTranslation: "optional maxShift (undefined = 2)",
  randomFlip: "optional options (undefined or {} = defaults)",
  randomErasing: "optional options (undefined or {} = defaults)",
  mixup: "optional options (undefined or {} = defaults)",
  constantSchedule: "1.5 is a valid learning rate",
  tokenizeWords: "any string is text",
  assetPath: "any string is a file name (reading it fails with the path)",
  loadImage: "optional name (undefined = the sample photo)",
  toRows: "a string's characters are refused row by row (checked in the table)",
  heatmapFigure: "as toRows",
  stft: "as toRows",
  spectrogram: "as toRows",
  jacobianMomentPrediction: "checked in the table",
  ToyProblem: "a result class (made by toyProblem)",
  ToyDataset: "a result class (made by sampleToyData)",
  Spectrogram: "a result class (made by spectrogram)",
  SkeletonSequence: "a result class (made by skeletonMotion)",
  ImageBatch: "a result class (made by imageBatch)",
  History: "a result class (made by fit)",
  Hint: "an error class (its message is the argument)",
  InterruptedError: "an error class (its message is the argument)",
  DivergenceError: "an error class (its message is the argument)",
  ConfusionMatrix: "a result class (made by confusionMatrix)",
  CheckOutcome: "a result class (made by runCheck)",
  AudioSignal: "a result class (made by decodeWav, sineWave)",
};

describe("the sweep: every function of the package root, seven wrong first arguments", () => {
  const wrong: [string, unknown][] = [["undefined", undefined], ["null", null], ["a string", "abc"], ["NaN", NaN], ["-1", -1], ["1.5", 1.5], ["{}", {}]];
  const exported = Object.entries(pdl).filter(([, v]) => typeof v === "function") as [string, (...a: unknown[]) => unknown][];

  it("covers the whole package root", () => {
    expect(exported.length).toBeGreaterThan(200);
    for (const name of [...Object.keys(notSwept), ...Object.keys(acceptsAny)]) expect(pdl, `${name} is listed but not exported`).toHaveProperty(name);
  });

  for (const [name, f] of exported) {
    if (name in notSwept) continue;
    it(name, async () => {
      const isClass = /^class\b/.test(Function.prototype.toString.call(f));
      const params = (/\(([^)]*)\)/.exec(Function.prototype.toString.call(f))?.[1] ?? "")
        .split(",")
        .map((p) => p.trim().split(/[\s=:]/)[0])
        .filter((p) => /^[A-Za-z_]\w*$/.test(p));
      for (const [label, value] of wrong) {
        let result: unknown;
        let error: unknown;
        try {
          result = isClass ? new (f as unknown as new (v: unknown) => unknown)(value) : f(value);
          if (result instanceof Promise) result = await result;
        } catch (e) {
          error = e;
        }
        if (error === undefined) {
          if (!(name in acceptsAny)) expect.fail(`${name}(${label}) was accepted (returned a ${typeof result})`);
          correct++;
          continue;
        }
        expect(error, `${name}(${label}) threw a non-Error`).toBeInstanceOf(Error);
        const message = (error as Error).message;
        expect(message, `${name}(${label})`).not.toMatch(CRYPTIC);
        // Names the argument: the function's own name, one of its parameter names, or "<something> must …".
        const named = message.includes(name) || params.some((p) => message.includes(p)) || /\w[\w.\[\]]* (must|should|needs|has|is)\b/.test(message);
        expect(named, `${name}(${label}): "${message}" names no argument`).toBe(true);
        refused++;
      }
    });
  }
});

afterAll(() => {
  console.log(`${refused} bad inputs, all refused clearly (and ${correct} questionable inputs answered with a correct result)`);
});
