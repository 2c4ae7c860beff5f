# Euclid's gcd, lcm, and trial-division factorization.
def gcd(a, b):
    while b:
        a, b = b, a % b
    return abs(a)

def gcd_rec(a, b):
    if b == 0:
        return a
    return gcd_rec(b, a % b)

def lcm(a, b):
    return a * b // gcd(a, b)

pairs = [(48, 18), (17, 5), (100, 75), (0, 9), (270, 192), (-12, 8)]
for a, b in pairs:
    print(f"gcd({a}, {b}) = {gcd(a, b)}, lcm = {lcm(a, b)}")
print(gcd_rec(1071, 462), gcd(2 ** 40, 6 ** 20))

def factorize(n):
    factors = []
    d = 2
    while d * d <= n:
        while n % d == 0:
            factors.append(d)
            n //= d
        d += 1
    if n > 1:
        factors.append(n)
    return factors

for n in [2, 12, 97, 360, 1001, 65536, 999983, 600851475143]:
    print(n, factorize(n))

result = 1
for k in range(1, 21):
    result = lcm(result, k)
print("lcm(1..20) =", result)

def reduce_fraction(num, den):
    g = gcd(num, den)
    return num // g, den // g

print(reduce_fraction(84, 36), reduce_fraction(10, 100), reduce_fraction(7, 13))
