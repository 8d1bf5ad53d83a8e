namespace Vigil.Server.Auth;

/// <summary>Endpoint metadata naming the scope a route needs (for the 403 message).</summary>
internal sealed record RequiredScope(string Scope);
