namespace Vigil.Statistics.Drift;

/// <summary>
/// numpy's legacy global generator (<c>np.random.seed(n)</c>, MT19937 with Matsumoto and Nishimura's
/// <c>init_genrand</c> seeding) and the bounded draw its <c>shuffle</c> and <c>permutation</c> use, so a seeded
/// Evidently permutation test can be replayed exactly.
/// </summary>
internal sealed class LegacyMersenneTwister
{
    private const int StateLength = 624;
    private const int Shift = 397;
    private readonly uint[] _state = new uint[StateLength];
    private int _position;

    /// <summary>Seeds as <c>numpy.random.seed(seed)</c>.</summary>
    public LegacyMersenneTwister(uint seed)
    {
        _state[0] = seed;
        for (var i = 1; i < StateLength; i++)
        {
            var prev = _state[i - 1];
            _state[i] = (1812433253u * (prev ^ (prev >> 30))) + (uint)i;
        }

        _position = StateLength;
    }

    /// <summary>The next 32-bit output (<c>genrand_int32</c>).</summary>
    public uint NextUInt32()
    {
        if (_position >= StateLength)
        {
            Regenerate();
        }

        var y = _state[_position++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>
    /// numpy's <c>random_interval(max)</c>: a uniform integer in [0, max] by masking 32-bit draws to the smallest
    /// covering power of two and rejecting values above max.
    /// </summary>
    public uint Interval(uint max)
    {
        if (max == 0)
        {
            return 0;
        }

        var mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        // NextUInt32 written out: this loop runs once per row per permutation.
        while (true)
        {
            if (_position >= StateLength)
            {
                Regenerate();
            }

            var y = _state[_position++];
            y ^= y >> 11;
            y ^= (y << 7) & 0x9d2c5680u;
            y ^= (y << 15) & 0xefc60000u;
            y ^= y >> 18;
            if ((y & mask) <= max)
            {
                return y & mask;
            }
        }
    }

    private void Regenerate()
    {
        const uint upper = 0x80000000u, lower = 0x7fffffffu, matrix = 0x9908b0dfu;
        int k;
        for (k = 0; k < StateLength - Shift; k++)
        {
            var y = (_state[k] & upper) | (_state[k + 1] & lower);
            _state[k] = _state[k + Shift] ^ (y >> 1) ^ ((y & 1) * matrix);
        }

        for (; k < StateLength - 1; k++)
        {
            var y = (_state[k] & upper) | (_state[k + 1] & lower);
            _state[k] = _state[k + Shift - StateLength] ^ (y >> 1) ^ ((y & 1) * matrix);
        }

        var last = (_state[StateLength - 1] & upper) | (_state[0] & lower);
        _state[StateLength - 1] = _state[Shift - 1] ^ (last >> 1) ^ ((last & 1) * matrix);
        _position = 0;
    }
}
