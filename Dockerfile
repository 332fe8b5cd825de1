# Console image: built in two stages so the runtime image carries only a JRE and the jar.
# Cluster mode only: in a cluster the API server is the cluster's, and node agents run as a DaemonSet.
FROM maven:3.9-eclipse-temurin-17 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pom.xml .
COPY frontend frontend
COPY src/main src/main
RUN mvn -B -Pproduction -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 vmconsole
WORKDIR /app
COPY --from=build /src/target/vm-console-*.jar /app/vm-console.jar
USER 10001
# A container's loopback is its own: listen on its address (the product's default is loopback).
ENV VMCONSOLE_CLUSTER_MODE=kubeconfig VMCONSOLE_DATA_DIR=/var/lib/vm-console SERVER_ADDRESS=0.0.0.0
EXPOSE 8080
# The heap follows the container's memory limit (set one: the console's live set is near 140 MB).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/vm-console.jar"]
