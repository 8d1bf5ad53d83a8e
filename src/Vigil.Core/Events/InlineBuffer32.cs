using System.Runtime.CompilerServices;

namespace Vigil.Core.Events;

/// <summary>
/// Room for up to 32 items on the stack: a row's stages (at most <see cref="PredictionParser.MaxStages"/>) or
/// segments (at most <see cref="PredictionParser.MaxSegments"/>) are collected here, then copied into an array of
/// their exact number, instead of growing a list per event.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
[InlineArray(32)]
internal struct InlineBuffer32<T>
{
    private T _first;
}
