package io.engram.mqtt;

import io.engram.telemetry.RuntimeState;

/**
 * A runtime reduced to its MQTT bridge, run as a child JVM that a test kills with SIGKILL to see
 * the broker publish the last will. Arguments: broker URI, robot id.
 */
public final class MqttChild {

  private MqttChild() {}

  public static void main(String[] args) throws Exception {
    RemoteFixture fx = new RemoteFixture();
    MqttBridge bridge = new MqttBridge(fx.mqtt(args[0], args[1]), args[1], fx.jointNames(),
        fx.router(), fx.bundles()).start();
    bridge.state(RuntimeState.IDLE, "child runtime up");
    Thread.sleep(Long.MAX_VALUE);
  }
}
