"""Baseline for packages/gmm-solver/bench/run.ts.

Our NumPy transcription of scikit-learn's GaussianMixture EM algorithm (full covariances),
written from the published equations (Bishop 2006, sec. 9.2; scikit-learn's documented
semantics: responsibilities -> weights nk/n with nk = sum r + 10 eps, means, covariances +
reg_covar I; precision Cholesky factors; lower bound = mean log-likelihood of the E-step).
It is NOT scikit-learn. With `--sklearn` it runs scikit-learn's own GaussianMixture instead
(only where `import sklearn` works), initialised with the same parameters.

scikit-learn <= 1.2 runs its `init_params` initialisation even when weights_init, means_init
and precisions_init are all given (and then discards it); with the default "kmeans" that is a
full KMeans fit per initialisation inside the timed region. We pass
init_params="random_from_data" (K random rows, no k-means), so sklearn's only extra work is one
parameter estimate from those one-hot responsibilities (about one M-step, ~1% of 100 EM
iterations).

Usage: python3 gmm_em_numpy.py DIR [--sklearn]
DIR holds X.f64 (n*d float64, row-major), labels.i32 (n_init*n int32 k-means labels, one run
per row) and meta.json ({"n", "d", "k", "n_init", "max_iter", "reg_covar"}).
Every initialisation runs exactly max_iter EM iterations (tol = 0), as the TypeScript side.
Prints one JSON object: seconds (total over all initialisations, including the initial
parameters from the labels), best lower bound and the lower bound of each initialisation.
"""

import json
import sys
import time

import numpy as np
from scipy.linalg import solve_triangular
from scipy.special import logsumexp

EPS = np.finfo(np.float64).eps


def estimate_parameters(X, resp, reg_covar):
    nk = resp.sum(axis=0) + 10 * EPS
    means = (resp.T @ X) / nk[:, None]
    k, d = means.shape
    cov = np.empty((k, d, d))
    for j in range(k):
        diff = X - means[j]
        cov[j] = (resp[:, j] * diff.T) @ diff / nk[j]
        cov[j].flat[:: d + 1] += reg_covar
    return nk, means, cov


def precision_cholesky(cov):
    k, d, _ = cov.shape
    out = np.empty_like(cov)
    eye = np.eye(d)
    for j in range(k):
        L = np.linalg.cholesky(cov[j])
        out[j] = solve_triangular(L, eye, lower=True).T
    return out


def e_step(X, weights, means, prec_chol):
    n, d = X.shape
    k = means.shape[0]
    log_det = np.log(np.diagonal(prec_chol, axis1=1, axis2=2)).sum(axis=1)
    log_prob = np.empty((n, k))
    for j in range(k):
        y = X @ prec_chol[j] - means[j] @ prec_chol[j]
        log_prob[:, j] = np.sum(y * y, axis=1)
    weighted = -0.5 * (d * np.log(2 * np.pi) + log_prob) + log_det + np.log(weights)
    lpn = logsumexp(weighted, axis=1)
    return lpn.mean(), weighted - lpn[:, None]


def fit_numpy(X, labels, k, max_iter, reg_covar):
    n = X.shape[0]
    resp = np.zeros((n, k))
    resp[np.arange(n), labels] = 1.0
    nk, means, cov = estimate_parameters(X, resp, reg_covar)
    weights = nk / n
    pc = precision_cholesky(cov)
    bound = -np.inf
    for _ in range(max_iter):
        bound, log_resp = e_step(X, weights, means, pc)
        nk, means, cov = estimate_parameters(X, np.exp(log_resp), reg_covar)
        weights = nk / nk.sum()
        pc = precision_cholesky(cov)
    return bound


def fit_sklearn(X, labels, k, max_iter, reg_covar):
    import warnings

    from sklearn.mixture import GaussianMixture

    n = X.shape[0]
    resp = np.zeros((n, k))
    resp[np.arange(n), labels] = 1.0
    nk, means, cov = estimate_parameters(X, resp, reg_covar)
    prec = np.linalg.inv(cov)
    gm = GaussianMixture(
        n_components=k,
        covariance_type="full",
        tol=0.0,
        reg_covar=reg_covar,
        max_iter=max_iter,
        n_init=1,
        init_params="random_from_data",  # cheapest discarded init (see module docstring)
        random_state=0,
        weights_init=nk / n,
        means_init=means,
        precisions_init=prec,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gm.fit(X)
    return gm.lower_bound_


def main():
    folder = sys.argv[1]
    use_sklearn = "--sklearn" in sys.argv
    with open(f"{folder}/meta.json") as f:
        meta = json.load(f)
    n, d, k, n_init = meta["n"], meta["d"], meta["k"], meta["n_init"]
    X = np.fromfile(f"{folder}/X.f64", dtype=np.float64).reshape(n, d)
    labels = np.fromfile(f"{folder}/labels.i32", dtype=np.int32).reshape(n_init, n)
    fit = fit_sklearn if use_sklearn else fit_numpy
    extra = {}
    if use_sklearn:
        import sklearn

        extra["sklearn"] = sklearn.__version__
    t0 = time.perf_counter()
    bounds = [float(fit(X, labels[r], k, meta["max_iter"], meta["reg_covar"])) for r in range(n_init)]
    seconds = time.perf_counter() - t0
    print(
        json.dumps(
            {
                "implementation": "scikit-learn" if use_sklearn else "numpy-transcription",
                "numpy": np.__version__,
                "python": sys.version.split()[0],
                "seconds": seconds,
                "bestLowerBound": max(bounds),
                "lowerBounds": bounds,
                **extra,
            }
        )
    )


if __name__ == "__main__":
    main()
