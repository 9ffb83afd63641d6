package dev.syncopated.probe;

/**
 * One jack_iodelay measurement: the round trip in frames and ms, the latency beyond what the ports
 * report, and its flags ({@code ??}: error above 0.2, unreliable; {@code Inv}: inverted polarity).
 */
public record IodelayReading(double frames, double ms, long extraFrames, long useFrames, boolean unreliable, boolean inverted) {}
