package io.engram.bridge.dynamixel;

/** What a device answers to PING: its id, model number and firmware version. */
public record PingReply(int id, int modelNumber, int firmwareVersion) {}
