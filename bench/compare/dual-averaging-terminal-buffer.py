"""Stan's step-size dual averaging over the terminal buffer, simulated: how far below the step
size eps* that meets the acceptance target does exp(x_bar) land after 50 (Stan's default) or
200 terminal iterations? The update is Stan's learn_stepsize (delta 0.8, gamma 0.05, t0 10,
kappa 0.75), restarted as after the last metric window: eps0 = 1.85 eps* (the M67 demo chain's
last step-size search gave 0.025 against eps* ~ 0.015), mu = log(10 eps0). The mean acceptance
statistic follows the large-d curve alpha(eps) = 2 Phi(-c eps^2) with alpha(eps*) = 0.8; each
iteration's statistic is Beta-distributed around it with concentration `conc` (unbiased,
bounded noise; sd at 0.8 printed). Numbers go into bench/results/m67-warmup-study.json.
Usage: python3 dual-averaging-terminal-buffer.py"""
import math
import random
import statistics as st
from statistics import NormalDist

c = -NormalDist().inv_cdf(0.4)  # eps* = 1


def alpha(eps):
    return 2 * NormalDist().cdf(-c * eps * eps)


random.seed(1)
for conc in (1e9, 20, 6, 3):
    for term in (50, 200):
        finals = []
        for _ in range(3000):
            eps0 = 1.85
            mu = math.log(10 * eps0)
            h_bar, x_bar, x = 0.0, 0.0, math.log(eps0)
            for t in range(1, term + 1):
                m = min(1 - 1e-12, max(1e-12, alpha(math.exp(x))))
                a = m if conc > 1e8 else random.betavariate(m * conc, (1 - m) * conc)
                h_bar = (1 - 1 / (t + 10)) * h_bar + (0.8 - a) / (t + 10)
                x = mu - math.sqrt(t) / 0.05 * h_bar
                w = t ** -0.75
                x_bar = w * x + (1 - w) * x_bar
            finals.append(math.exp(x_bar))
        finals.sort()
        sd = math.sqrt(0.16 / (conc + 1))
        print(
            f"acceptance sd {sd:.3f}, terminal buffer {term}: exp(x_bar)/eps* median "
            f"{st.median(finals):.3f}, 10-90 % [{finals[300]:.3f}, {finals[2700]:.3f}]"
        )
