# Sieve of Eratosthenes.
def sieve(limit):
    is_prime = [True] * (limit + 1)
    is_prime[0] = False
    is_prime[1] = False
    p = 2
    while p * p <= limit:
        if is_prime[p]:
            for multiple in range(p * p, limit + 1, p):
                is_prime[multiple] = False
        p += 1
    return [n for n in range(limit + 1) if is_prime[n]]

primes = sieve(100)
print(primes)
print(len(primes), "primes below 100")
big = sieve(10000)
print(len(big), "primes below 10000; last five:", big[-5:])
twins = []
for a, b in zip(big, big[1:]):
    if b - a == 2 and b < 200:
        twins.append((a, b))
print("twin primes under 200:", twins)
gaps = {}
for a, b in zip(big, big[1:]):
    gap = b - a
    gaps[gap] = gaps.get(gap, 0) + 1
print("largest gap below 10000:", max(gaps), "occurs", gaps[max(gaps)], "time(s)")
print("gap counts:", sorted(gaps.items())[:6])
